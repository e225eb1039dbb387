<#-- iptables-restore file: layout only; FirewallBackend builds and escapes every rule. -->
<#list m.header as line>
# ${line}
</#list>
<#list m.tables as t>
*${t.name}
<#list t.chains as c>
${c}
</#list>
<#list t.rules as r>
${r}
</#list>
COMMIT
</#list>
