package dev.lbc.compiler.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder {@code lbc build -o DIR} writes: lbc replaces it only when it can prove it wrote
 * everything in it. The proof is the marker file {@value #MARKER}, which lists every file of the
 * last build with its SHA-256. A folder that holds anything else (a file lbc did not write, a file
 * changed since, a link, the deployment itself or a file it reads) is refused, never cleaned.
 *
 * <p>The folder itself is kept (its mode, owner and mount), only its files are replaced; each file
 * moves into place with an atomic rename. While files move, the marker accepts the old and the new
 * content of every path, so a build killed half-way leaves a folder the next build still owns.
 */
public final class BuildFolder {
  /** The marker's name, in the build folder. */
  public static final String MARKER = ".lbc-build";

  private static final String MARKER_DRAFT = MARKER + ".tmp";
  private static final String STAGING_PREFIX = MARKER + ".staging-";
  private static final String HEADER =
      "# Written by lbc build: the files of this build and their SHA-256. lbc replaces this"
          + " folder's files only while every file in it is listed here, unchanged.\n"
          + "lbc-build 1\n";
  private static final int MAX_MARKER_BYTES = 4 * 1024 * 1024;

  /** One file to write: its bytes, and the permissions it is created with (null: the default). */
  public record OutputFile(byte[] bytes, Set<PosixFilePermission> permissions) {
    public static OutputFile of(byte[] bytes) {
      return new OutputFile(bytes, null);
    }
  }

  /** The folder cannot be written without risking what lbc did not write; the message says why. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  private BuildFolder() {}

  /**
   * Writes {@code files} (relative paths with '/' separators) into {@code folder}: created when
   * missing, used when empty, replaced file by file when it holds an earlier lbc build. {@code
   * inputs} are the deployment and the files it reads: none of them may be inside the folder.
   */
  public static void write(
      Path folder, SortedMap<String, OutputFile> files, Collection<Path> inputs)
      throws Refused, IOException {
    Path target = folder.toAbsolutePath().normalize();
    if (Files.exists(target)) {
      if (!Files.isDirectory(target)) {
        throw new Refused(folder + " exists and is not a folder");
      }
      target = target.toRealPath();
    }
    refuseInputsInside(folder, target, inputs);
    Map<String, String> newHashes = new TreeMap<>();
    for (var e : files.entrySet()) {
      checkRelative(e.getKey());
      newHashes.put(e.getKey(), sha256(e.getValue().bytes()));
    }
    Map<String, Set<String>> owned = Files.isDirectory(target) ? owned(folder, target) : Map.of();
    Files.createDirectories(target);

    String staging = STAGING_PREFIX + UUID.randomUUID();
    Map<String, Set<String>> transition = new TreeMap<>();
    owned.forEach((path, hashes) -> transition.put(path, new TreeSet<>(hashes)));
    newHashes.forEach(
        (path, hash) -> transition.computeIfAbsent(path, k -> new TreeSet<>()).add(hash));
    writeMarker(target, transition, staging);

    Path stage = target.resolve(staging);
    try {
      Files.createDirectory(stage);
      for (var e : files.entrySet()) {
        Path p = stage.resolve(e.getKey());
        Files.createDirectories(p.getParent());
        create(p, e.getValue());
      }
    } catch (IOException | RuntimeException e) {
      deleteOwnTree(stage);
      writeMarker(target, owned, null);
      throw e;
    }
    for (String old : owned.keySet()) {
      if (!files.containsKey(old)) {
        Path p = target.resolve(old);
        Files.deleteIfExists(p);
        pruneEmptyParents(target, p.getParent());
      }
    }
    for (String path : files.keySet()) {
      Path dest = target.resolve(path);
      Files.createDirectories(dest.getParent());
      Files.move(
          stage.resolve(path),
          dest,
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }
    Map<String, Set<String>> done = new TreeMap<>();
    newHashes.forEach((path, hash) -> done.put(path, Set.of(hash)));
    writeMarker(target, done, null);
    deleteOwnTree(stage);
  }

  /** The deployment and the files it reads are never inside the folder lbc may replace. */
  private static void refuseInputsInside(Path folder, Path target, Collection<Path> inputs)
      throws Refused, IOException {
    for (Path input : inputs) {
      Path abs = input.toAbsolutePath().normalize();
      Path real = Files.exists(abs) ? abs.toRealPath() : abs;
      if (real.startsWith(target) || abs.startsWith(target)) {
        throw new Refused(
            folder
                + " holds "
                + input
                + ", which the deployment reads; lbc build never writes into a folder that holds"
                + " its inputs. Choose an output folder of its own, e.g. "
                + folder.resolve("build"));
      }
    }
  }

  /**
   * The files of the earlier build in {@code target} with their accepted hashes; refused unless the
   * folder is empty or every file in it is one lbc wrote, unchanged.
   */
  private static Map<String, Set<String>> owned(Path folder, Path target)
      throws Refused, IOException {
    Path marker = target.resolve(MARKER);
    if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
      if (isEmpty(target)) {
        return Map.of();
      }
      throw new Refused(
          folder
              + " is not empty and holds no earlier lbc build (no "
              + MARKER
              + " file); lbc build replaces only folders it wrote. Choose a new or empty folder.");
    }
    Marker m = readMarker(folder, marker);
    List<Path> entries;
    try (Stream<Path> s = Files.walk(target)) {
      entries = s.filter(p -> !p.equals(target)).sorted().toList();
    }
    Set<String> dirs = new TreeSet<>();
    for (String path : m.files().keySet()) {
      for (Path p = Path.of(path).getParent(); p != null; p = p.getParent()) {
        dirs.add(slashes(p));
      }
    }
    for (Path p : entries) {
      String rel = slashes(target.relativize(p));
      BasicFileAttributes attrs =
          Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (rel.equals(MARKER) || (rel.equals(MARKER_DRAFT) && attrs.isRegularFile())) {
        continue; // the marker, and a draft of it that a killed build left (never a link)
      }
      if (m.staging() != null && (rel.equals(m.staging()) || rel.startsWith(m.staging() + "/"))) {
        // an interrupted build's staging folder: lbc's own if it holds only folders and the
        // files of the build it was writing, none of them a link
        String inside = rel.equals(m.staging()) ? "" : rel.substring(m.staging().length() + 1);
        if (attrs.isDirectory() || (attrs.isRegularFile() && m.files().containsKey(inside))) {
          continue;
        }
      }
      if (attrs.isDirectory() && dirs.contains(rel)) {
        continue;
      }
      Set<String> accepted = m.files().get(rel);
      if (accepted == null || !attrs.isRegularFile()) {
        throw new Refused(
            folder
                + " holds "
                + rel
                + ", which lbc build did not write; refusing to replace the folder. Move it away,"
                + " or choose another output folder.");
      }
      if (!accepted.contains(sha256(p))) {
        throw new Refused(
            folder
                + "/"
                + rel
                + " was changed after lbc build wrote it; refusing to overwrite it. Move the"
                + " changed file away (or restore it), then build again.");
      }
    }
    Map<String, Set<String>> present = new TreeMap<>();
    m.files()
        .forEach(
            (path, hashes) -> {
              if (Files.exists(target.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
                present.put(path, hashes);
              }
            });
    if (m.staging() != null) {
      deleteOwnTree(target.resolve(m.staging()));
    }
    return present;
  }

  private record Marker(Map<String, Set<String>> files, String staging) {}

  private static Marker readMarker(Path folder, Path marker) throws Refused, IOException {
    if (Files.size(marker) > MAX_MARKER_BYTES) {
      throw damaged(folder, "it is larger than " + MAX_MARKER_BYTES + " bytes");
    }
    List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
    if (!lines.contains("lbc-build 1")) {
      throw damaged(folder, "its version line is missing");
    }
    Map<String, Set<String>> files = new LinkedHashMap<>();
    String staging = null;
    for (String line : lines) {
      if (line.isEmpty() || line.startsWith("#") || line.equals("lbc-build 1")) {
        continue;
      }
      String[] f = line.split(" ", 3);
      if (f[0].equals("file") && f.length == 3 && f[1].matches("[0-9a-f]{64}")) {
        checkRelativeOrDamaged(folder, f[2]);
        files.computeIfAbsent(f[2], k -> new TreeSet<>()).add(f[1]);
      } else if (f[0].equals("staging")
          && f.length == 2
          && f[1].matches(
              Pattern.quote(STAGING_PREFIX) + "[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}")) {
        staging = f[1];
      } else {
        throw damaged(folder, "it has a line lbc did not write: " + line);
      }
    }
    return new Marker(files, staging);
  }

  private static Refused damaged(Path folder, String why) {
    return new Refused(
        folder
            + "/"
            + MARKER
            + " is damaged ("
            + why
            + "); lbc cannot tell which files it wrote there. Remove the folder yourself, or"
            + " choose another output folder.");
  }

  private static void checkRelativeOrDamaged(Path folder, String path) throws Refused {
    try {
      checkRelative(path);
    } catch (IllegalArgumentException e) {
      throw damaged(folder, e.getMessage());
    }
  }

  /** Output paths are plain relative paths: no '..', no absolute path, no line breaks. */
  private static void checkRelative(String path) {
    if (path.isEmpty()
        || path.startsWith("/")
        || path.contains("\\")
        || path.contains("\n")
        || path.contains("\r")
        || path.equals(MARKER)
        || path.equals(MARKER_DRAFT)
        || path.startsWith(STAGING_PREFIX)
        || Path.of(path).normalize().startsWith("..")
        || !slashes(Path.of(path).normalize()).equals(path)) {
      throw new IllegalArgumentException("not a plain relative output path: " + path);
    }
  }

  private static void writeMarker(Path target, Map<String, Set<String>> files, String staging)
      throws IOException {
    StringBuilder b = new StringBuilder(HEADER);
    if (staging != null) {
      b.append("staging ").append(staging).append('\n');
    }
    files.forEach(
        (path, hashes) ->
            hashes.forEach(h -> b.append("file ").append(h).append(' ').append(path).append('\n')));
    Path draft = target.resolve(MARKER_DRAFT);
    // a draft left by a killed build is removed, never written through (it could be a link)
    Files.deleteIfExists(draft);
    Files.writeString(draft, b, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    Files.move(
        draft,
        target.resolve(MARKER),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** Creates {@code p} with its permissions from the start: a private key is never readable. */
  private static void create(Path p, OutputFile f) throws IOException {
    if (f.permissions() != null
        && p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      FileAttribute<Set<PosixFilePermission>> attr =
          PosixFilePermissions.asFileAttribute(f.permissions());
      Files.createFile(p, attr);
      Files.write(p, f.bytes());
    } else {
      Files.write(p, f.bytes());
    }
  }

  private static void pruneEmptyParents(Path target, Path dir) throws IOException {
    for (Path d = dir; d != null && d.startsWith(target) && !d.equals(target); d = d.getParent()) {
      try {
        Files.delete(d);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return;
      }
    }
  }

  /** Deletes a tree lbc created itself (its staging folder); links are removed, not followed. */
  private static void deleteOwnTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> all;
    try (Stream<Path> s = Files.walk(root)) {
      all = new ArrayList<>(s.toList());
    }
    all.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    for (Path p : all) {
      Files.deleteIfExists(p);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static String slashes(Path p) {
    return p.toString().replace('\\', '/');
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static String sha256(Path p) throws IOException {
    MessageDigest d = digest();
    try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
      byte[] buf = new byte[65536];
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
