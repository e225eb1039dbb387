<#-- keepalived.conf: layout only; KeepalivedBackend builds and escapes every line. -->
<#list m.header as line>
# ${line}
</#list>

global_defs {
<#list m.global as line>
    ${line}
</#list>
}
<#list m.blocks as b>

# ${b.comment}
${b.open} {
<#list b.body as line>
    ${line}
</#list>
}
</#list>
