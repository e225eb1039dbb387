<#-- haproxy.cfg: layout only; HaproxyBackend builds and escapes every line. -->
<#list m.header as line>
# ${line}
</#list>
<#if m.guards?has_content>

<#list m.guards as line>
${line}
</#list>
</#if>

global
<@block m.global/>

defaults
<@block m.defaults/>
<#if m.userlist?has_content>

userlist lbc-admins
<@block m.userlist/>
</#if>

<@section m.stats/>
<#list m.listens as s>

<@section s/>
</#list>
<#macro block lines>
<#list lines as line>
    ${line}
</#list>
</#macro>
<#macro section s>
# ${s.comment}
${s.kind} ${s.name}
<@block s.lines/>
</#macro>
