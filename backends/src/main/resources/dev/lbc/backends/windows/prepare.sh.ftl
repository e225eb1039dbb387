<#-- prepare.sh: layout only; ServerScriptsBackend quotes every value. -->
#!/bin/sh
<#list m.header as line>
# ${line}
</#list>
# Linux equivalent: answer ARP only for addresses of the receiving interface (arp_ignore=1),
# announce only the interface's own address (arp_announce=2), and carry the VIPs on lo.
# Run as root on ${m.server}; persist the sysctl lines in /etc/sysctl.d/ as well.
set -eu

[ "$(id -u)" -eq 0 ] || { echo "run as root" >&2; exit 1; }
sysctl -q -w net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2
<#list m.vips as v>
if ! ip addr show dev lo | grep -q ' ${v.address}/'; then
    ip addr add ${v.address}/${v.prefix} dev lo
fi
</#list>
echo "${m.server} is prepared."
