package dev.lbc.runtime.admin;

import io.netty.util.NetUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Which requests may reach the admin API before credentials are even looked at (docs/adr/0007).
 *
 * <p>The Host header must name the admin address: an IP address, {@code localhost} or the name
 * given in {@code --admin}. A page whose DNS name was rebound to the admin address sends its own
 * name there, so it is refused.
 *
 * <p>A request that changes state (anything but GET and HEAD) needs a same-origin proof, because
 * the browser sends cached basic credentials with a cross-site form. It must carry {@code
 * X-Requested-With} or {@code Content-Type: application/json}, which no form can send and which a
 * cross-origin script can send only after a CORS preflight that this server never grants; and
 * whatever a browser says about its origin ({@code Sec-Fetch-Site}, {@code Origin}, {@code
 * Referer}) must say this page. A client that sends none of the three is not a browser (every
 * current browser sends {@code Origin} with a POST), such as curl or a monitoring script.
 */
final class RequestGuard {
  private final Set<String> names;

  /** {@code adminHost}: the host given in {@code --admin}, a name or an address. */
  RequestGuard(String adminHost) {
    this.names = Set.of("localhost", normalize(adminHost));
  }

  /** Null if {@code host} (the Host header) names this server, else why not. */
  String misdirected(String host) {
    if (host == null || host.isBlank()) {
      return "a request needs a Host header";
    }
    String name = hostName(host.trim());
    if (name == null) {
      return "the Host header " + host + " is malformed";
    }
    if (NetUtil.isValidIpV4Address(name) || NetUtil.isValidIpV6Address(name)) {
      return null;
    }
    if (names.contains(name)) {
      return null;
    }
    return "this is the admin API for "
        + String.join(" or ", names.stream().sorted().toList())
        + ", not "
        + name
        + "; use its IP address, or give the name in --admin";
  }

  /**
   * Null if a state-changing request proves it comes from this page (or from no browser), else why
   * it is refused. {@code host} is the request's Host header, already checked.
   */
  String crossSite(
      String host,
      String secFetchSite,
      String origin,
      String referer,
      String requestedWith,
      String contentType) {
    String self = "http://" + host.trim().toLowerCase(Locale.ROOT);
    if (secFetchSite != null && !secFetchSite.trim().equalsIgnoreCase("same-origin")) {
      return "a cross-site request (Sec-Fetch-Site: " + secFetchSite.trim() + ") cannot act";
    }
    if (origin != null) {
      if (!origin.trim().equalsIgnoreCase(self)) {
        return "a request from " + origin.trim() + " cannot act here (only " + self + " can)";
      }
    } else if (referer != null && !self.equals(originOf(referer))) {
      return "a request from a page outside " + self + " cannot act here";
    }
    boolean json =
        contentType != null
            && contentType.split(";", 2)[0].trim().equalsIgnoreCase("application/json");
    boolean custom = requestedWith != null && !requestedWith.isBlank();
    if (!json && !custom) {
      return "a request that changes state needs an X-Requested-With header or Content-Type:"
          + " application/json (a form cannot send either), e.g. curl -X POST -H"
          + " 'X-Requested-With: curl'";
    }
    return null;
  }

  /** The host name or address of a Host header, lower case, without port or brackets. */
  private static String hostName(String host) {
    String h = host;
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      if (end < 0 || (end + 1 < h.length() && h.charAt(end + 1) != ':')) {
        return null;
      }
      return normalize(h.substring(1, end));
    }
    int colon = h.indexOf(':');
    if (colon >= 0) {
      if (h.indexOf(':', colon + 1) >= 0) {
        return null; // an IPv6 address must be bracketed
      }
      h = h.substring(0, colon);
    }
    return h.isEmpty() ? null : normalize(h);
  }

  private static String normalize(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.startsWith("[") && n.endsWith("]")) {
      n = n.substring(1, n.length() - 1);
    }
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  private static String originOf(String url) {
    try {
      URI u = new URI(url.trim());
      if (u.getScheme() == null || u.getRawAuthority() == null) {
        return null;
      }
      return (u.getScheme() + "://" + u.getRawAuthority()).toLowerCase(Locale.ROOT);
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
