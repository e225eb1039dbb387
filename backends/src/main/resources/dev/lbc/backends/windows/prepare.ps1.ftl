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
$KeepAliveTimeMs = ${m.keepAliveMs?c}
$LanAdapter = ${m.lan}
<#if m.gateway??>
$Gateway = ${m.gateway}
$DefaultRoute = ${m.defaultRoute}
</#if>
<#if m.arp>
$LoopbackAdapter = ${m.loopback}
$LoopbackMetric = ${m.metric}
$KeepBindings = @('ms_tcpip', 'ms_tcpip6')
$Vips = @(
<#list m.vips as v>
    @{ Address = ${v.ps}; PrefixLength = ${v.prefix}; Family = '${v.family}' }<#sep>,</#sep>
</#list>
)
</#if>

$Script:Cmdlet = $PSCmdlet
$Script:Changes = 0
$Script:RestartNeeded = $false

function Invoke-Change {
    param([string]$Target, [string]$Action, [scriptblock]$Change)
    $Script:Changes++
    if ($Script:Cmdlet.ShouldProcess($Target, $Action)) {
        & $Change
        Write-Host "changed: $Action on $Target"
    }
}
<#if m.arp>

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
</#if>

if ($null -eq (Get-NetAdapter -Name $LanAdapter -ErrorAction SilentlyContinue)) {
    throw "No network adapter named '$LanAdapter' on $Server. Rename the LAN adapter, or set adapters.lan in the deployment."
}

# TCP keep-alive: Exchange's idle connections must end at the server before any device between
# client and server drops them (Microsoft's Exchange guidance: 15 to 30 minutes). Windows reads
# the value when it starts.
$tcpip = 'HKLM:\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters'
$keepAlive = Get-ItemProperty -Path $tcpip -Name KeepAliveTime -ErrorAction SilentlyContinue
if ($null -eq $keepAlive -or $keepAlive.KeepAliveTime -ne $KeepAliveTimeMs) {
    Invoke-Change $Server "Set the TCP KeepAliveTime to $KeepAliveTimeMs ms" {
        New-ItemProperty -Path $tcpip -Name KeepAliveTime -PropertyType DWord -Value $KeepAliveTimeMs -Force | Out-Null
        $Script:RestartNeeded = $true
    }
}
<#if m.gateway??>

# NAT and TPROXY: replies must return through the appliance, so the floating IP (or a single
# appliance's own address) is this server's only default gateway.
$routes = @(Get-NetRoute -DestinationPrefix $DefaultRoute -ErrorAction SilentlyContinue)
$ours = @($routes | Where-Object { $_.InterfaceAlias -eq $LanAdapter -and $_.NextHop -eq $Gateway })
$others = @($routes | Where-Object { -not ($_.InterfaceAlias -eq $LanAdapter -and $_.NextHop -eq $Gateway) })
if ($ours.Count -eq 0 -or $others.Count -gt 0) {
    Invoke-Change $LanAdapter "Make $Gateway the only default gateway" {
        foreach ($route in $others) {
            Remove-NetRoute -InterfaceIndex $route.InterfaceIndex -DestinationPrefix $DefaultRoute -NextHop $route.NextHop -Confirm:$false -ErrorAction SilentlyContinue
        }
        if ($ours.Count -eq 0) {
            New-NetRoute -InterfaceAlias $LanAdapter -DestinationPrefix $DefaultRoute -NextHop $Gateway | Out-Null
        }
    }
}
</#if>
<#if m.arp>

# DR: the ARP problem (Exchange 2016 guide §15.6).
$null = Get-LoopbackAdapter

# Only TCP/IPv4 and TCP/IPv6 stay bound to the loopback adapter, as both guides do.
$bound = @(Get-NetAdapterBinding -Name $LoopbackAdapter -ErrorAction SilentlyContinue | Where-Object { $_.Enabled -and $KeepBindings -notcontains $_.ComponentID })
foreach ($binding in $bound) {
    Invoke-Change $LoopbackAdapter "Unbind $($binding.DisplayName) ($($binding.ComponentID))" {
        Disable-NetAdapterBinding -Name $LoopbackAdapter -ComponentID $binding.ComponentID
    }
}

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
    # Absent only under -WhatIf, before the adapter is installed or renamed: all of it is to do.
    $loop = Get-NetIPInterface -InterfaceAlias $LoopbackAdapter -AddressFamily $family -ErrorAction SilentlyContinue
    $absent = $null -eq $loop
    if ($absent -or $loop.WeakHostReceive -ne 'Enabled' -or $loop.WeakHostSend -ne 'Enabled') {
        Invoke-Change $LoopbackAdapter "Enable $family weak host receive and send" {
            Set-NetIPInterface -InterfaceAlias $LoopbackAdapter -AddressFamily $family -WeakHostReceive Enabled -WeakHostSend Enabled
        }
    }
    if ($absent -or $loop.InterfaceMetric -ne $LoopbackMetric) {
        Invoke-Change $LoopbackAdapter "Set the $family interface metric to $LoopbackMetric" {
            Set-NetIPInterface -InterfaceAlias $LoopbackAdapter -AddressFamily $family -AutomaticMetric Disabled -InterfaceMetric $LoopbackMetric
        }
    }
    if ($absent -or $loop.DadTransmits -ne 0) {
        Invoke-Change $LoopbackAdapter "Turn off $family duplicate address detection" {
            Set-NetIPInterface -InterfaceAlias $LoopbackAdapter -AddressFamily $family -DadTransmits 0
        }
    }
}
</#if>
<#if m.logForwardedFor>

# The appliance inserts X-Forwarded-For: IIS on this server logs it, so its logs show client
# addresses (Exchange 2016 guide §10.3.1).
Import-Module WebAdministration
$fields = Get-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Filter 'system.applicationHost/sites/siteDefaults/logFile/customFields' -Name '.'
if (-not ($fields.Collection | Where-Object { $_.logFieldName -eq 'X-Forwarded-For' })) {
    Invoke-Change $Server 'Log the X-Forwarded-For header in IIS' {
        Add-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Filter 'system.applicationHost/sites/siteDefaults/logFile/customFields' -Name '.' -Value @{ logFieldName = 'X-Forwarded-For'; sourceName = 'X-Forwarded-For'; sourceType = 'RequestHeader' }
    }
}
</#if>

if ($Script:Changes -eq 0) {
    Write-Host "$Server is already prepared: nothing changed."
} elseif ($WhatIfPreference) {
    Write-Host "$Server needs $($Script:Changes) change(s); run without -WhatIf to make them."
} else {
    Write-Host "$Server is prepared ($($Script:Changes) change(s))."
    if ($Script:RestartNeeded) {
        Write-Host "Restart $Server for the new TCP KeepAliveTime to take effect."
    }
}
