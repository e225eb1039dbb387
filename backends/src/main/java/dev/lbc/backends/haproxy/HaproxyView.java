package dev.lbc.backends.haproxy;

import java.util.List;

/**
 * The view model of haproxy.cfg: every decision taken and every value escaped, so the template only
 * lays out sections. Lists are in output order; {@code guards} are preprocessor lines (HAProxy's
 * conditional blocks) written before the first section.
 */
public record HaproxyView(
    List<String> header,
    List<String> guards,
    List<String> global,
    List<String> defaults,
    List<String> userlist,
    Section stats,
    List<Section> listens) {

  /**
   * A section: a comment line, its kind ({@code listen}, or {@code backend} for a vdir's pool), its
   * name, and its directives in order.
   */
  public record Section(String comment, String kind, String name, List<String> lines) {
    /** A {@code listen} section. */
    public Section(String comment, String name, List<String> lines) {
      this(comment, "listen", name, lines);
    }
  }
}
