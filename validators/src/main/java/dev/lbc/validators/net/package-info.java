/** Network facts shared by the rules: addresses and networks as numbers, never strings. */
package dev.lbc.validators.net;
