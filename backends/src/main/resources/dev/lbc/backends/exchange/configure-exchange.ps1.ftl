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
    if ("$($oa.InternalHostname)" -ne ${m.outlookAnywhereHost} -or "$($oa.ExternalHostname)" -ne ${m.outlookAnywhereHost} -or $oa.SSLOffloading -ne $${m.sslOffloading?c}) {
        Invoke-Change "$server\Rpc (Default Web Site)" 'Set the Outlook Anywhere host names' {
            Set-OutlookAnywhere -Identity "$server\Rpc (Default Web Site)" -InternalHostname ${m.outlookAnywhereHost} -ExternalHostname ${m.outlookAnywhereHost} -InternalClientsRequireSsl $true -ExternalClientsRequireSsl $true -ExternalClientAuthenticationMethod Negotiate -SSLOffloading $${m.sslOffloading?c}
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
<#if m.xffLogging>

# The appliance inserts X-Forwarded-For: log it in IIS so the logs show client addresses
# (Exchange 2016 guide §10.3.1). Runs on this server; run the script on each server.
Import-Module WebAdministration
$fields = Get-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Filter 'system.applicationHost/sites/siteDefaults/logFile/customFields' -Name '.'
if (-not ($fields.Collection | Where-Object { $_.logFieldName -eq 'X-Forwarded-For' })) {
    Invoke-Change $env:COMPUTERNAME 'Log the X-Forwarded-For header in IIS' {
        Add-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Filter 'system.applicationHost/sites/siteDefaults/logFile/customFields' -Name '.' -Value @{ logFieldName = 'X-Forwarded-For'; sourceName = 'X-Forwarded-For'; sourceType = 'RequestHeader' }
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
