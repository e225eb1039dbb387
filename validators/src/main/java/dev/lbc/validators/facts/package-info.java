/**
 * What the rules read of the compiler's facts, shaped once for every rule that needs it: {@link
 * ReadCertificate} for the certificate rules.
 */
package dev.lbc.validators.facts;
