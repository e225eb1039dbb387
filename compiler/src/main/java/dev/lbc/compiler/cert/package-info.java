/**
 * Certificates read for real (docs/adr/0015-certificates-read-at-compile-time.md): one reader for
 * PEM and PKCS#12 files, used by the compiler (the facts the certificate rules read), the build
 * (the PEM each appliance's HAProxy loads) and {@code lbc run} (both engines), so that the three
 * can never disagree about a file.
 */
package dev.lbc.compiler.cert;
