<#-- prepare.cmd: layout only; ServerScriptsBackend quotes every value. -->
@echo off
<#list m.header as line>
rem ${line}
</#list>
rem Run in an elevated command prompt on ${m.server}.
setlocal

net session >nul 2>&1
if errorlevel 1 (
    echo Run this script as Administrator.
    exit /b 1
)
netsh interface ipv4 show interfaces ${m.lan} >nul 2>&1
if errorlevel 1 (
    echo No network adapter named ${m.lan}: rename the LAN adapter, or set adapters.lan in the deployment.
    exit /b 1
)
netsh interface ipv4 show interfaces ${m.loopback} >nul 2>&1
if errorlevel 1 (
    echo No adapter named ${m.loopback}: install the Microsoft KM-TEST Loopback Adapter, name it ${m.loopback}, and run again.
    exit /b 1
)

rem TCP keep-alive (Windows reads it when it starts: restart the server afterwards).
reg add "HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters" /v KeepAliveTime /t REG_DWORD /d ${m.keepAliveMs?c} /f >nul

<#list m.vips as v>
<#if v.v4>
netsh interface ipv4 show ipaddresses ${m.loopback} | findstr /c:"${v.address}" >nul
if errorlevel 1 netsh interface ipv4 add address ${m.loopback} ${v.address} ${v.mask}
<#else>
netsh interface ipv6 show addresses ${m.loopback} | findstr /i /c:"${v.address}" >nul
if errorlevel 1 netsh interface ipv6 add address ${m.loopback} ${v.address}/${v.prefix}
</#if>
</#list>
<#if m.anyV4>

netsh interface ipv4 set interface ${m.lan} weakhostreceive=enabled
netsh interface ipv4 set interface ${m.loopback} weakhostreceive=enabled weakhostsend=enabled
netsh interface ipv4 set interface ${m.loopback} dadtransmits=0
netsh interface ipv4 set interface ${m.loopback} metric=${m.metric}
</#if>
<#if m.anyV6>

netsh interface ipv6 set interface ${m.lan} weakhostreceive=enabled
netsh interface ipv6 set interface ${m.loopback} weakhostreceive=enabled weakhostsend=enabled
netsh interface ipv6 set interface ${m.loopback} dadtransmits=0
netsh interface ipv6 set interface ${m.loopback} metric=${m.metric}
</#if>

<#list m.inPs1Only as line>
rem ${line}
</#list>
echo ${m.server} is prepared, except what only prepare.ps1 does: run it in an elevated PowerShell.
endlocal
