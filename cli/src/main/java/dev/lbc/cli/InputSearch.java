package dev.lbc.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.PatternSyntaxException;

/**
 * The deployment files a folder or a glob names ({@link LbcFiles}): hidden and tool folders
 * skipped, {@code --exclude} patterns applied, never a link out of the folder searched, sorted.
 */
final class InputSearch {
  private InputSearch() {}

  /**
   * The deployment files under {@code dir}, except those {@code exclude} matches. A pattern without
   * '/' matches a file or folder name at any depth; one with '/' matches the path relative to
   * {@code dir}. An excluded folder is not entered. A link out is added to {@code problems}.
   */
  static List<Path> walk(Path dir, List<String> exclude, List<Inputs.Problem> problems) {
    Predicate<Path> excluded = Excludes.of(exclude);
    List<Path> found = new ArrayList<>();
    List<Inputs.Problem> linksOut = new ArrayList<>();
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
              if (d.equals(dir)) {
                return FileVisitResult.CONTINUE;
              }
              Path rel = dir.relativize(d);
              return LbcFiles.skippedFolder(d.getFileName().toString()) || excluded.test(rel)
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
              // a link out is refused before its target is read, even to sniff its first key
              if (!Files.isDirectory(f)
                  && !excluded.test(dir.relativize(f))
                  && LbcFiles.named(f)
                  && !linksOut(dir, f, linksOut)
                  && LbcFiles.isDeployment(f)) {
                found.add(f);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
              if (!f.equals(dir) && LbcFiles.isDeployment(f)) {
                found.add(f); // reading it says what is wrong
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    found.sort(null);
    problems.addAll(sorted(linksOut));
    return found;
  }

  /**
   * Whether {@code p}, found by searching {@code root}, is a symbolic link to a file outside {@code
   * root}; if so, says so in {@code problems}, as for a missing file, and the search goes on. Lint
   * runs on untrusted pull requests, and a link such as {@code evil.yaml -> /etc/shadow} would
   * otherwise have lbc quote that file's lines in its diagnostics; it is refused before its target
   * is read, even to sniff its first key. A file named on the command line is followed: its name
   * was chosen by whoever runs lbc.
   */
  static boolean linksOut(Path root, Path p, List<Inputs.Problem> problems) {
    if (!Files.isSymbolicLink(p)) {
      return false;
    }
    Path real;
    try {
      real = p.toRealPath();
    } catch (IOException e) {
      return false; // dangling or a loop: reading it says so
    }
    try {
      if (real.startsWith(root.toRealPath())) {
        return false;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    problems.add(
        new Inputs.Problem(
            Inputs.display(p),
            "a symbolic link to a file outside "
                + Inputs.display(root)
                + "; lbc does not follow links out of a folder it searches, so that no file"
                + " outside it is quoted. Name the file itself to lint it."));
    return true;
  }

  /**
   * The matcher of {@code glob}; a pattern that does not parse (an unclosed '[' or '{') is the
   * user's typo, a usage error naming it as {@code shownAs}, not an internal error.
   */
  static PathMatcher matcher(String glob, String shownAs) {
    try {
      return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    } catch (PatternSyntaxException e) {
      throw new Main.UsageError(
          shownAs
              + ": not a valid glob ("
              + e.getDescription()
              + " at character "
              + (e.getIndex() + 1)
              + ")");
    }
  }

  /** In path order, whatever order the file system listed them in. */
  static List<Inputs.Problem> sorted(List<Inputs.Problem> problems) {
    if (problems.isEmpty()) {
      return List.of(); // the usual case, without linking the stream and its comparator
    }
    // written out: Comparator.comparing's own lambda is spun at run time on a cold lint
    return problems.stream().sorted((a, b) -> a.input().compareTo(b.input())).toList();
  }
}
