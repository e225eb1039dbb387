/**
 * {@code appliances/<host>/keepalived.conf}: VRRP for the appliance pair and each layer 4 service
 * as an LVS virtual server with its checker. {@link KeepalivedBackend} builds blocks of finished
 * lines, every word through {@code KeepalivedQuoting}; {@code keepalived.conf.ftl} only lays them
 * out. Reads the plan and address values only; checked by {@code keepalived -t} in the tests. Start
 * at {@link KeepalivedBackend}.
 */
package dev.lbc.backends.keepalived;
