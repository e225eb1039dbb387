package dev.lbc.backends.diff;

import dev.lbc.backends.build.Build;
import dev.lbc.backends.diff.ModelChange.Kind;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.output.BuildFolder.OutputFile;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Planner;
import dev.lbc.compiler.source.SourceText;
import dev.lbc.compiler.spi.Facts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * What a change to a deployment does: the model's changes at field level, the generated files that
 * change, what must be done on each target ({@link Impact}), and the findings introduced or fixed.
 *
 * @param before the old input as the user named it (a file, or {@code REV:PATH})
 * @param after the new input as the user named it
 */
public record DeploymentDiff(
    String before,
    String after,
    List<ModelChange> changes,
    List<FileChange> files,
    Impact impact,
    List<Finding> introduced,
    List<Finding> fixed) {
  public DeploymentDiff {
    changes = List.copyOf(changes);
    files = List.copyOf(files);
    introduced = List.copyOf(introduced);
    fixed = List.copyOf(fixed);
  }

  /**
   * One side of the comparison: a deployment compiled without errors.
   *
   * @param display the input as the user named it
   * @param file the file certificates are found next to (for a git revision, the working file)
   */
  public record Side(
      String display, Path file, Deployment model, Facts facts, List<Diagnostic> diagnostics) {}

  /** A generated file that changes; {@code diff} is its unified diff, or null for binary files. */
  public record FileChange(String path, Kind kind, String diff) {}

  /** A finding of one side that the other does not have, compared by rule and message. */
  public record Finding(String code, String severity, String message) {}

  /** True if nothing a user could see changes. */
  public boolean empty() {
    return changes.isEmpty() && files.isEmpty() && introduced.isEmpty() && fixed.isEmpty();
  }

  /**
   * Both sides planned and built in memory. Both are built under the new input's name, so that file
   * headers naming the input do not show as changes.
   */
  public static DeploymentDiff compare(Side before, Side after) throws Build.Refused, IOException {
    Plan oldPlan = Planner.plan(before.model(), after.display());
    Plan newPlan = Planner.plan(after.model(), after.display());
    Build oldBuild = Build.of(before.file(), after.display(), before.model(), before.facts());
    Build newBuild = Build.of(after.file(), after.display(), after.model(), after.facts());
    List<FileChange> files = files(oldBuild.files(), newBuild.files());
    return new DeploymentDiff(
        before.display(),
        after.display(),
        PlanChanges.between(oldPlan, newPlan),
        files,
        Impact.of(oldPlan, newPlan, files),
        minus(after.diagnostics(), before.diagnostics()),
        minus(before.diagnostics(), after.diagnostics()));
  }

  static List<FileChange> files(
      SortedMap<String, OutputFile> before, SortedMap<String, OutputFile> after) {
    TreeSet<String> paths = new TreeSet<>(before.keySet());
    paths.addAll(after.keySet());
    List<FileChange> out = new ArrayList<>();
    for (String p : paths) {
      byte[] a = before.containsKey(p) ? before.get(p).bytes() : null;
      byte[] b = after.containsKey(p) ? after.get(p).bytes() : null;
      if (a != null && b != null && Arrays.equals(a, b)) {
        continue;
      }
      Kind kind = a == null ? Kind.ADDED : b == null ? Kind.REMOVED : Kind.CHANGED;
      String ta = text(a);
      String tb = text(b);
      String diff = ta == null || tb == null ? null : UnifiedDiff.of(p, ta, tb);
      out.add(new FileChange(p, kind, diff));
    }
    return out;
  }

  /**
   * The bytes as UTF-8 text ("" for none), or null if they are not text. Decoded as the compiler
   * decodes its inputs; a byte order mark is left out of the text (the bytes still count).
   */
  private static String text(byte[] bytes) {
    if (bytes == null) {
      return "";
    }
    try {
      String s = SourceText.decode("", bytes).file().text();
      return s.indexOf('\0') >= 0 ? null : s;
    } catch (SourceText.NotText e) {
      return null;
    }
  }

  /** The findings of {@code a} not in {@code b}, as a multiset, in {@code a}'s order. */
  private static List<Finding> minus(List<Diagnostic> a, List<Diagnostic> b) {
    List<String> rest = new ArrayList<>(b.stream().map(d -> d.code() + " " + d.message()).toList());
    List<Finding> out = new ArrayList<>();
    for (Diagnostic d : a.stream().sorted(Diagnostic.ORDER).toList()) {
      if (!rest.remove(d.code() + " " + d.message())) {
        out.add(new Finding(d.code(), d.severity().word(), d.message()));
      }
    }
    return out;
  }
}
