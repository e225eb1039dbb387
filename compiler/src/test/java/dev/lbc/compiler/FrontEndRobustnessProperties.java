package dev.lbc.compiler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Syntax;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever bytes reach a front end, the result is diagnostics or a model, never an exception:
 * random bytes, and the examples with bytes flipped, cut, or lines duplicated.
 */
class FrontEndRobustnessProperties {

  @Property(tries = 500)
  void randomBytesNeverThrow(@ForAll("bytes") byte[] input) {
    for (Syntax s : Syntax.values()) {
      CompileResult r = Lbc.COMPILER.compile("fuzz." + s, input, s);
      assertTrue(r.model() != null || r.hasErrors(), "no model must mean an error");
    }
  }

  @Property(tries = 1000)
  void mutatedExamplesNeverThrow(@ForAll("examples") Path example, @ForAll("mutations") long seed)
      throws IOException {
    byte[] original = Files.readAllBytes(example);
    byte[] mutated = Mutator.mutate(original, seed);
    Syntax syntax = Syntax.of(example.getFileName().toString());
    CompileResult r = Lbc.COMPILER.compile(example.getFileName().toString(), mutated, syntax);
    assertFalse(r.model() == null && !r.hasErrors(), "no model must mean an error");
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    Arbitrary<Byte> interesting =
        Arbitraries.of(
            (byte) '{',
            (byte) '}',
            (byte) '[',
            (byte) ']',
            (byte) ':',
            (byte) '-',
            (byte) '&',
            (byte) '*',
            (byte) '!',
            (byte) '"',
            (byte) '\n',
            (byte) ' ',
            (byte) '#',
            (byte) 0,
            (byte) 0xff,
            (byte) 'a');
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(1, Arbitraries.bytes()), net.jqwik.api.Tuple.of(3, interesting))
        .array(byte[].class)
        .ofMaxSize(400);
  }

  @Provide
  Arbitrary<Path> examples() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(root.resolve("examples"))) {
      root = root.getParent();
    }
    try (Stream<Path> s = Files.list(root.resolve("examples"))) {
      List<Path> files =
          s.filter(p -> Syntax.of(p.getFileName().toString()) != null).sorted().toList();
      return Arbitraries.of(files);
    }
  }

  @Provide
  Arbitrary<Long> mutations() {
    return Arbitraries.longs();
  }

  /** Deterministic byte-level mutations from a seed. */
  static final class Mutator {
    static byte[] mutate(byte[] in, long seed) {
      java.util.Random random = new java.util.Random(seed);
      byte[] b = in.clone();
      String s = new String(b, StandardCharsets.ISO_8859_1);
      int n = 1 + random.nextInt(4);
      for (int i = 0; i < n && !s.isEmpty(); i++) {
        int at = random.nextInt(s.length());
        switch (random.nextInt(5)) {
          case 0 -> s = s.substring(0, at) + (char) random.nextInt(256) + s.substring(at + 1);
          case 1 -> s = s.substring(0, at);
          case 2 ->
              s = s.substring(0, at) + "{[&*!\"#:".charAt(random.nextInt(8)) + s.substring(at);
          case 3 -> {
            int end = s.indexOf('\n', at);
            int start = s.lastIndexOf('\n', at) + 1;
            if (end > start) {
              String line = s.substring(start, end + 1);
              s = s.substring(0, start) + line + line + s.substring(start);
            }
          }
          default ->
              s =
                  s.substring(0, at)
                      + s.substring(Math.min(s.length(), at + 1 + random.nextInt(20)));
        }
      }
      return s.getBytes(StandardCharsets.ISO_8859_1);
    }
  }
}
