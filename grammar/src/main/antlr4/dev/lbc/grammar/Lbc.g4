/*
 * The lbc DSL: a compact form of the deployment model for hand-written configs and reviews.
 * It expresses everything the YAML form does (docs/dsl.md maps each statement to its YAML key).
 *
 * Design choices:
 *  - Statements start with a keyword; keywords are still allowed as names and values (rule
 *    `word`), so a server may be called `server`.
 *  - An optional positional slot at the end of a statement takes only a WORD (never a keyword),
 *    so the next statement cannot be swallowed by it.
 *  - Values are lexed loosely as WORD or STRING; their format (address, port, duration...) is
 *    checked afterwards by the same schema as the YAML form, which gives better messages than a
 *    lexer error would.
 */
grammar Lbc;

file
    : deployment EOF
    ;

deployment
    : 'deployment' name=word 'exchange' version=word ('cu' cu=word)? '{' statement* '}'
    ;

statement
    : 'auth' word                                                          # authStmt
    | 'extended-protection' flag=WORD?                                     # extendedProtectionStmt
    | 'appliance' hostname=word address=word ('on' iface=word)? role=word  # applianceStmt
    | 'floating-ip' word (',' word)*                                       # floatingIpStmt
    | 'interface' name=word address=word ('secondary' secondary=word)?     # interfaceStmt
    | 'admin-password-hash' value                                          # adminPasswordHashStmt
    | 'admin-password' value                                               # adminPasswordStmt
    | 'vrrp-id' word                                                       # vrrpIdStmt
    | 'server' name=word address=word os=WORD? serverBody?                 # serverStmt
    | 'certificate' name=word pfx='pfx'? path=value ('password' password=value)? # certificateStmt
    | 'namespace' host=word '->' service=word ('for' word (',' word)*)?    # namespaceStmt
    | 'service' name=word endpoint=word (',' word)* forwarding=word
          ('layer' layer=word)? protocol=WORD? serviceBody?                # serviceStmt
    | 'tuning' 'request-buffer' word                                       # tuningStmt
    | 'servers-tcp-keepalive' word                                         # serversTcpKeepaliveStmt
    ;

serverBody
    : '{' serverItem* '}'
    ;

serverItem
    : 'gateway' word                   # gatewayItem
    | 'lan-adapter' value              # lanAdapterItem
    | 'loopback-adapter' value         # loopbackAdapterItem
    | 'arp' word                       # arpItem
    | 'loopback' word (',' word)*      # loopbackItem
    ;

serviceBody
    : '{' serviceItem* '}'
    ;

serviceItem
    : 'balance' word                                  # balanceItem
    | 'persistence' word                              # persistenceItem
    | 'check' type=word path=pathValue? checkOption*  # checkItem
    | 'timeouts' timeoutOption*                       # timeoutsItem
    | 'vdirs' word (',' word)*                        # vdirsItem
    | 'vdir-timeouts' vdir=word timeoutOption*        # vdirTimeoutsItem
    | 'ssl' 'offload' cert=word ('reencrypt' flag=WORD?)?  # sslItem
    | 'x-forwarded-for' flag=WORD?                    # xffItem
    | 'redirect' word                                 # redirectItem
    | 'lockdown' 'allow' word (',' word)*             # lockdownItem
    | 'real' real (',' real)*                         # realItem
    ;

checkOption
    : key=('expect' | 'interval' | 'rise' | 'fall' | 'host') word
    ;

timeoutOption
    : key=('client' | 'server') word
    ;

real
    : target=word realOption*
    ;

realOption
    : key=('weight' | 'min-connections' | 'max-connections') word
    ;

pathValue
    : STRING
    | WORD
    ;

value
    : STRING
    | word
    ;

word
    : WORD
    | keyword
    ;

keyword
    : 'deployment' | 'exchange' | 'cu' | 'auth' | 'extended-protection' | 'appliance' | 'on'
    | 'floating-ip' | 'interface' | 'secondary' | 'admin-password-hash' | 'admin-password'
    | 'vrrp-id'
    | 'server' | 'certificate' | 'namespace' | 'for' | 'service' | 'layer' | 'tuning'
    | 'request-buffer' | 'gateway' | 'lan-adapter' | 'loopback-adapter' | 'arp' | 'loopback'
    | 'balance' | 'persistence' | 'check' | 'timeouts' | 'vdirs' | 'vdir-timeouts' | 'ssl' | 'offload' | 'reencrypt'
    | 'x-forwarded-for' | 'redirect' | 'lockdown' | 'allow' | 'real' | 'expect' | 'interval'
    | 'rise' | 'fall' | 'host' | 'client' | 'weight' | 'min-connections' | 'max-connections'
    | 'servers-tcp-keepalive'
    | 'pfx' | 'password'
    ;

STRING
    : '"' ( ~["\\\r\n] | '\\' ["\\] )* '"'
    ;

UNTERMINATED_STRING
    : '"' ( ~["\\\r\n] | '\\' ["\\] )*
    ;

ARROW
    : '->'
    ;

WORD
    : ~[ \t\r\n{},"#]+
    ;

COMMENT
    : '#' ~[\r\n]* -> channel(HIDDEN)
    ;

WS
    : [ \t\r\n]+ -> channel(HIDDEN)
    ;
