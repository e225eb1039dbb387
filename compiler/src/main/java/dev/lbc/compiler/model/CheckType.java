package dev.lbc.compiler.model;

/** Health check kind. */
public enum CheckType implements Keyword {
  HTTPS_GET,
  HTTP_GET,
  TCP_CONNECT,
  SMTP_BANNER,
  NONE
}
