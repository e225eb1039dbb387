package dev.lbc.compiler.model;

/** What clients use a namespace for. */
public enum Purpose implements Keyword {
  OWA,
  ECP,
  EWS,
  ACTIVESYNC,
  MAPI,
  RPC,
  OAB,
  AUTODISCOVER,
  SMTP,
  IMAP,
  POP
}
