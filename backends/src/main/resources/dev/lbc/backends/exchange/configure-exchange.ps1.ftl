<#-- configure-exchange.ps1: layout only; ExchangeBackend quotes every value. -->
<#list m.header as line>
# ${line}
</#list>
[CmdletBinding(SupportsShouldProcess = $true)]
param()

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'

if ($null -eq (Get-Command Get-ExchangeServer -ErrorAction SilentlyContinue)) {
    throw 'Run this script in the Exchange Management Shell.'
}

$Servers = @(
<#list m.servers as s>
    ${s}<#sep>,</#sep>
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

function Set-Urls {
    param([string]$Server, [string]$Noun, [string]$Name, [string]$Url)
    $identity = "$Server\$Name"
    $current = & "Get-$($Noun)VirtualDirectory" -Identity $identity -ADPropertiesOnly
    if ("$($current.InternalUrl)" -ne $Url -or "$($current.ExternalUrl)" -ne $Url) {
        Invoke-Change $identity "Set internal and external URL to $Url" {
            & "Set-$($Noun)VirtualDirectory" -Identity $identity -InternalUrl $Url -ExternalUrl $Url
        }
    }
}

foreach ($server in $Servers) {
<#list m.directories as d>
    Set-Urls -Server $server -Noun '${d.noun}' -Name ${d.iisName} -Url ${d.url}
</#list>
<#if m.outlookAnywhereHost??>

    $oa = Get-OutlookAnywhere -Identity "$server\Rpc (Default Web Site)" -ADPropertiesOnly
    if ("$($oa.InternalHostname)" -ne ${m.outlookAnywhereHost} -or "$($oa.ExternalHostname)" -ne ${m.outlookAnywhereHost} -or "$($oa.InternalClientAuthenticationMethod)" -ne '${m.outlookAnywhereAuth}' -or "$($oa.ExternalClientAuthenticationMethod)" -ne '${m.outlookAnywhereAuth}' -or $oa.SSLOffloading -ne $${m.sslOffloading?c}) {
        Invoke-Change "$server\Rpc (Default Web Site)" 'Set the Outlook Anywhere host names and authentication' {
            Set-OutlookAnywhere -Identity "$server\Rpc (Default Web Site)" -InternalHostname ${m.outlookAnywhereHost} -ExternalHostname ${m.outlookAnywhereHost} -InternalClientsRequireSsl $true -ExternalClientsRequireSsl $true -InternalClientAuthenticationMethod ${m.outlookAnywhereAuth} -ExternalClientAuthenticationMethod ${m.outlookAnywhereAuth} -SSLOffloading $${m.sslOffloading?c}
        }
    }
</#if>
<#if m.autodiscoverUri??>

    $cas = Get-${m.scpCmdlet} -Identity $server
    if ("$($cas.AutoDiscoverServiceInternalUri)" -ne ${m.autodiscoverUri}) {
        Invoke-Change $server 'Set the Autodiscover service connection point' {
            Set-${m.scpCmdlet} -Identity $server -AutoDiscoverServiceInternalUri ${m.autodiscoverUri}
        }
    }
</#if>
}
<#if m.relay??>

# SMTP reaches the servers with the client's own address, so a FrontEnd receive connector can
# accept relay from the lockdown ranges alone (Exchange 2016 guide §7.6: a receive connector is a
# unique combination of bindings, port and remote ranges). Created on each server, or its ranges
# put right.
$RelayName = ${m.relay.name}
$RelayRanges = @(<#list m.relay.ranges as r>${r}<#sep>, </#sep></#list>)
foreach ($server in $Servers) {
    $identity = "$server\$RelayName"
    $connector = Get-ReceiveConnector -Identity $identity -ErrorAction SilentlyContinue
    if ($null -eq $connector) {
        Invoke-Change $server "Create the receive connector $RelayName for relay from the lockdown ranges" {
            New-ReceiveConnector -Name $RelayName -Server $server -TransportRole FrontendTransport -Custom -Bindings '0.0.0.0:25', '[::]:25' -RemoteIPRanges $RelayRanges -PermissionGroups AnonymousUsers | Out-Null
            Get-ReceiveConnector -Identity $identity | Add-ADPermission -User 'NT AUTHORITY\ANONYMOUS LOGON' -ExtendedRights 'Ms-Exch-SMTP-Accept-Any-Recipient' | Out-Null
        }
    } elseif ((@($connector.RemoteIPRanges | ForEach-Object { "$_" } | Sort-Object) -join ',') -ne (@($RelayRanges | Sort-Object) -join ',')) {
        Invoke-Change $identity 'Scope the receive connector to the lockdown ranges' {
            Set-ReceiveConnector -Identity $identity -RemoteIPRanges $RelayRanges
        }
    }
}
</#if>
<#if m.sslOffloading>

# SSL is offloaded without re-encryption: IIS must accept plain HTTP on these virtual
# directories. Cumulative updates reset this setting: run the script again after each CU.
Import-Module WebAdministration
foreach ($location in @(
<#list m.offloadedSites as site>
    ${site}<#sep>,</#sep>
</#list>
)) {
    $flags = Get-WebConfigurationProperty -PSPath 'IIS:\' -Location $location -Filter 'system.webServer/security/access' -Name 'sslFlags'
    if ("$flags" -ne 'None') {
        Invoke-Change $location 'Turn Require SSL off' {
            Set-WebConfigurationProperty -PSPath 'IIS:\' -Location $location -Filter 'system.webServer/security/access' -Name 'sslFlags' -Value 'None'
        }
    }
}
</#if>

if ($Script:Changes -eq 0) {
    Write-Host 'Exchange is already configured: nothing changed.'
} elseif ($WhatIfPreference) {
    Write-Host "$($Script:Changes) change(s) needed; run without -WhatIf to make them."
} else {
    Write-Host "$($Script:Changes) change(s) made."
    # The guides require an IIS restart on each server once the configuration is done (§7.9).
    foreach ($server in $Servers) {
        if ($Script:Cmdlet.ShouldProcess($server, 'Restart IIS (iisreset /restart)')) {
            & iisreset.exe $server /restart
            if ($LASTEXITCODE -ne 0) {
                throw "iisreset failed on $server; restart IIS there by hand (iisreset /restart)."
            }
        }
    }
}
