<#-- prepare.ps1: layout only; ServerScriptsBackend quotes every value. -->
<#list m.header as line>
# ${line}
</#list>
#
# Run in an elevated PowerShell on the server; -WhatIf shows the changes without making them.
#Requires -RunAsAdministrator
[CmdletBinding(SupportsShouldProcess = $true)]
param()

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'

$Server = ${m.server}
$LanAdapter = ${m.lan}
$LoopbackAdapter = ${m.loopback}
$LoopbackMetric = ${m.metric}
$Vips = @(
<#list m.vips as v>
    @{ Address = ${v.ps}; PrefixLength = ${v.prefix}; Family = '${v.family}' }<#sep>,</#sep>
</#list>
)

$Script:Cmdlet = $PSCmdlet
$Script:Changes = 0

function Invoke-Change {
    param([string]$Target, [string]$Action, [scriptblock]$Change)
    $Script:Changes++
    if ($Script:Cmdlet.ShouldProcess($Target, $Action)) {
        & $Change
        Write-Host "changed: $Action on $Target"
    }
}

function Get-LoopbackAdapter {
    $adapter = Get-NetAdapter -Name $LoopbackAdapter -ErrorAction SilentlyContinue
    if ($null -ne $adapter) {
        return $adapter
    }
    $found = @(Get-NetAdapter | Where-Object { $_.InterfaceDescription -like '*KM-TEST Loopback*' })
    if ($found.Count -eq 1) {
        Invoke-Change $found[0].Name "Rename the loopback adapter to $LoopbackAdapter" {
            Rename-NetAdapter -Name $found[0].Name -NewName $LoopbackAdapter
        }
        return $found[0]
    }
    $devcon = Get-Command devcon.exe -ErrorAction SilentlyContinue
    if ($null -ne $devcon) {
        Invoke-Change $Server 'Install the Microsoft KM-TEST Loopback Adapter' {
            & $devcon.Source install (Join-Path $env:windir 'inf\netloop.inf') '*msloop' | Out-Null
            $new = Get-NetAdapter | Where-Object { $_.InterfaceDescription -like '*KM-TEST Loopback*' } | Select-Object -First 1
            Rename-NetAdapter -Name $new.Name -NewName $LoopbackAdapter
        }
        return Get-NetAdapter -Name $LoopbackAdapter -ErrorAction SilentlyContinue
    }
    throw "No loopback adapter named '$LoopbackAdapter'. Install the Microsoft KM-TEST Loopback Adapter (Device Manager, Action, Add legacy hardware), name it '$LoopbackAdapter', and run this script again; or put devcon.exe on the PATH."
}

if ($null -eq (Get-NetAdapter -Name $LanAdapter -ErrorAction SilentlyContinue)) {
    throw "No network adapter named '$LanAdapter' on $Server. Rename the LAN adapter, or set adapters.lan in the deployment."
}
$null = Get-LoopbackAdapter

foreach ($vip in $Vips) {
    $present = Get-NetIPAddress -InterfaceAlias $LoopbackAdapter -IPAddress $vip.Address -ErrorAction SilentlyContinue
    if ($null -eq $present) {
        Invoke-Change $LoopbackAdapter "Add VIP $($vip.Address)/$($vip.PrefixLength)" {
            New-NetIPAddress -InterfaceAlias $LoopbackAdapter -IPAddress $vip.Address -PrefixLength $vip.PrefixLength -SkipAsSource $true | Out-Null
        }
    }
}

$families = @($Vips | ForEach-Object { $_.Family } | Sort-Object -Unique)
foreach ($family in $families) {
    $lan = Get-NetIPInterface -InterfaceAlias $LanAdapter -AddressFamily $family
    if ($lan.WeakHostReceive -ne 'Enabled') {
        Invoke-Change $LanAdapter "Enable $family weak host receive" {
            Set-NetIPInterface -InterfaceAlias $LanAdapter -AddressFamily $family -WeakHostReceive Enabled
        }
    }
    $loop = Get-NetIPInterface -InterfaceAlias $LoopbackAdapter -AddressFamily $family
    if ($loop.WeakHostReceive -ne 'Enabled' -or $loop.WeakHostSend -ne 'Enabled') {
        Invoke-Change $LoopbackAdapter "Enable $family weak host receive and send" {
            Set-NetIPInterface -InterfaceAlias $LoopbackAdapter -AddressFamily $family -WeakHostReceive Enabled -WeakHostSend Enabled
        }
    }
    if ($loop.InterfaceMetric -ne $LoopbackMetric) {
        Invoke-Change $LoopbackAdapter "Set the $family interface metric to $LoopbackMetric" {
            Set-NetIPInterface -InterfaceAlias $LoopbackAdapter -AddressFamily $family -AutomaticMetric Disabled -InterfaceMetric $LoopbackMetric
        }
    }
    if ($family -eq 'IPv6' -and $loop.DadTransmits -ne 0) {
        Invoke-Change $LoopbackAdapter 'Turn off IPv6 duplicate address detection' {
            Set-NetIPInterface -InterfaceAlias $LoopbackAdapter -AddressFamily IPv6 -DadTransmits 0
        }
    }
}

if ($Script:Changes -eq 0) {
    Write-Host "$Server is already prepared: nothing changed."
} elseif ($WhatIfPreference) {
    Write-Host "$Server needs $($Script:Changes) change(s); run without -WhatIf to make them."
} else {
    Write-Host "$Server is prepared ($($Script:Changes) change(s))."
}
