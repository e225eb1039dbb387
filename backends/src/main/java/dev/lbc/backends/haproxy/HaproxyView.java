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

  /** A {@code listen} section: a comment line, its name, and its directives in order. */
  public record Section(String comment, String name, List<String> lines) {}
}
