/**
 * Network facts shared by the rules: {@link Topology} holds the appliances' addresses and networks,
 * the floating IPs, and servers and services by name, as numbers, never strings, so that no rule
 * compares address text or walks the model twice. Reads the model and value types only.
 */
package dev.lbc.validators.net;
