package dev.lbc.compiler.model;

/**
 * An Exchange virtual directory behind the HTTPS name: each has its own health page, and Managed
 * Availability takes one out of service on a server without touching the others, so a service that
 * lists it routes and checks it on its own (docs/adr/0019-per-vdir-routing.md).
 */
public enum Vdir implements Keyword {
  OWA("/owa"),
  ECP("/ecp"),
  EWS("/ews"),
  ACTIVESYNC("/Microsoft-Server-ActiveSync"),
  AUTODISCOVER("/autodiscover"),
  OAB("/oab"),
  MAPI("/mapi"),
  RPC("/rpc"),
  POWERSHELL("/powershell");

  private final String pathPrefix;

  Vdir(String pathPrefix) {
    this.pathPrefix = pathPrefix;
  }

  /**
   * The path the vdir is served under, as Exchange spells it. Requests match it case-insensitively
   * and at a segment boundary: {@code /owa}, {@code /owa/}, {@code /OWA/x} match, {@code /owash}
   * does not.
   */
  public String pathPrefix() {
    return pathPrefix;
  }

  /** The vdir's own health page, which Managed Availability answers 200 while it is in service. */
  public String checkPath() {
    return pathPrefix + "/healthcheck.htm";
  }

  /**
   * True for the vdirs whose clients hold requests open (ActiveSync's Ping, MAPI's NotificationWait
   * long-polls): their timeouts may not be shorter than the service's.
   */
  public boolean longPoll() {
    return this == ACTIVESYNC || this == MAPI;
  }

  /**
   * True if {@code path} (a request's path, without the query string, or with it) falls under this
   * vdir: its prefix, case-insensitively, followed by the end, a slash or a query.
   */
  public boolean matches(String path) {
    if (!path.regionMatches(true, 0, pathPrefix, 0, pathPrefix.length())) {
      return false;
    }
    if (path.length() == pathPrefix.length()) {
      return true;
    }
    char next = path.charAt(pathPrefix.length());
    return next == '/' || next == '?';
  }
}
