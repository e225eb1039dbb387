<#list m.header as line>
# ${line}
</#list>
<#list m.lines as line>
${line}
</#list>
