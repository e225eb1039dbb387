package dev.lbc.compiler.model;

/** Client authentication in use. */
public enum Auth implements Keyword {
  NEGOTIATE,
  KERBEROS,
  NTLM,
  BASIC
}
