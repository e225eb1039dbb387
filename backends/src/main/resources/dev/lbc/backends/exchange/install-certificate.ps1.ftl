<#-- install-certificate.ps1: layout only; CertificateInstallBackend quotes every value. -->
<#list m.header as line>
# ${line}
</#list>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    # The PFX exported from Exchange (the guide's export step), with its private key.
    [Parameter(Mandatory = $true)]
    [string]$PfxPath,

    # The PFX password. It is asked for, never stored: Read-Host -AsSecureString gives one.
    [Parameter(Mandatory = $true)]
    [System.Security.SecureString]$Password,

    # Which of the load balancer's certificates this PFX must be.
    [ValidateSet(<#list m.certificates as c>${c.name}<#sep>, </#sep></#list>)]
    [string]$Certificate = ${m.defaultName}
)

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'

if ($null -eq (Get-Command Get-ExchangeCertificate -ErrorAction SilentlyContinue)) {
    throw 'Run this script in the Exchange Management Shell.'
}

# SHA-1 thumbprints of the certificates the load balancer serves, read by lbc at build time.
# Extended Protection with SSL bridging accepts a logon only when IIS serves this same certificate.
$LoadBalancer = @{
<#list m.certificates as c>
    ${c.name} = ${c.thumbprint}
</#list>
}
$Expected = $LoadBalancer[$Certificate]
$Server = $env:COMPUTERNAME
$Changes = 0

$file = (Resolve-Path -LiteralPath $PfxPath).ProviderPath
$pfx = Get-PfxData -FilePath $file -Password $Password
$Thumbprint = $pfx.EndEntityCertificates[0].Thumbprint.ToUpperInvariant()
if ($Thumbprint -ne $Expected) {
    throw "The PFX holds certificate $Thumbprint, but the load balancer serves $Certificate as $Expected. Export the certificate the load balancer uses, or rebuild with lbc from this PFX."
}

$installed = Get-ExchangeCertificate -Server $Server -Thumbprint $Thumbprint -ErrorAction SilentlyContinue
if ($null -eq $installed) {
    $Changes++
    if ($PSCmdlet.ShouldProcess($Server, "Import certificate $Thumbprint")) {
        Import-ExchangeCertificate -Server $Server -FileData ([System.IO.File]::ReadAllBytes($file)) -Password $Password -PrivateKeyExportable $false | Out-Null
        Write-Host "changed: imported certificate $Thumbprint on $Server"
        $installed = Get-ExchangeCertificate -Server $Server -Thumbprint $Thumbprint
    }
}

$services = if ($null -eq $installed) { '' } else { "$($installed.Services)" }
if ($services -notmatch 'IIS' -or $services -notmatch 'SMTP') {
    $Changes++
    if ($PSCmdlet.ShouldProcess($Server, "Enable certificate $Thumbprint for IIS and SMTP")) {
        Enable-ExchangeCertificate -Server $Server -Thumbprint $Thumbprint -Services 'IIS,SMTP' -Force
        Write-Host "changed: certificate $Thumbprint serves IIS and SMTP on $Server"
    }
}

# What IIS really serves on the Default Web Site's HTTPS binding, compared with the load balancer.
Import-Module WebAdministration
# Exchange keeps a 127.0.0.1:443 binding with its own self-signed certificate for local probes:
# clients never reach it, so it is not the one to compare.
$binding = Get-WebBinding -Name 'Default Web Site' -Protocol 'https' | Where-Object { $_.bindingInformation -notlike '127.0.0.1:*' } | Select-Object -First 1
$bound = if ($null -eq $binding) { '' } else { "$($binding.certificateHash)".ToUpperInvariant() }

if ($Changes -eq 0) {
    Write-Host "Certificate $Thumbprint is already installed for IIS and SMTP: nothing changed."
} elseif ($WhatIfPreference) {
    Write-Host "$Changes change(s) needed; run without -WhatIf to make them."
}
if ($bound -eq $Expected) {
    Write-Host "IIS serves $bound, the certificate the load balancer serves."
} elseif (-not $WhatIfPreference) {
    Write-Error "IIS on $Server serves certificate '$bound', but the load balancer serves $Expected. Extended Protection will refuse Outlook logons through the load balancer until both serve the same certificate."
    exit 1
}
