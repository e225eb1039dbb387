package dev.lbc.runtime.serve;

/** Where the status page and API listen; {@code host} without brackets, port 0 picks a free one. */
public record AdminAddress(String host, int port) {
  /** The status page's URL with the port actually bound. */
  public String url(int bound) {
    return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + bound + "/";
  }
}
