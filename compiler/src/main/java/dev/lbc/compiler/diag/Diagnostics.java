package dev.lbc.compiler.diag;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the diagnostics of a stage. Stages never throw on user input: they report here and go
 * on, so that one run shows every problem of a stage, not just the first.
 */
public final class Diagnostics {
  private final List<Diagnostic> all = new ArrayList<>();

  public Diagnostic report(Diagnostic d) {
    all.add(d);
    return d;
  }

  public void addAll(List<Diagnostic> more) {
    all.addAll(more);
  }

  public boolean hasErrors() {
    // a loop, not a stream: every lint asks, and a first stream and method reference are linked
    // at run time (docs/performance.md, "Cold lint", round 6)
    for (Diagnostic d : all) {
      if (d.isError()) {
        return true;
      }
    }
    return false;
  }

  public int size() {
    return all.size();
  }

  /** Sorted by file and position, exact duplicates removed (CUE's Sanitize). */
  public List<Diagnostic> sorted() {
    return sortedUnique(all);
  }

  /** Sorts {@code list} by file and position and drops repeats of the same finding. */
  public static List<Diagnostic> sortedUnique(List<Diagnostic> list) {
    List<Diagnostic> copy = new ArrayList<>(list);
    copy.sort(Diagnostic.ORDER);
    List<Diagnostic> out = new ArrayList<>();
    for (Diagnostic d : copy) {
      if (out.isEmpty() || !out.get(out.size() - 1).sameAs(d)) {
        out.add(d);
      }
    }
    return List.copyOf(out);
  }
}
