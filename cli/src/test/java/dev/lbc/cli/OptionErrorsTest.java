package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A malformed option value is a usage error (exit 2) with a message naming the option, never an
 * internal error (exit 3) and never a run that starts anyway.
 */
class OptionErrorsTest {
  /** The lab's VIP moved to an address no other test uses, so a run that starts can bind. */
  private static final String VIP =
      "127.0.0.10=127.9." + (ProcessHandle.current().pid() % 250) + ".10";

  /**
   * Runs {@code lbc run examples/lab.yaml ARGS} as a user does (a process) and waits for it to end;
   * a run that keeps serving is stopped and reported.
   */
  private static List<String> runToExit(int[] exit, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("run", "examples/lab.yaml", "--bind-map", VIP));
    command.addAll(List.of(args));
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Process lbc = RunCommandTest.start(lines, command.toArray(String[]::new));
    boolean ended = lbc.waitFor(30, TimeUnit.SECONDS);
    if (!ended) {
      lbc.destroy();
      lbc.waitFor(10, TimeUnit.SECONDS);
    }
    Thread.sleep(100); // the reader thread drains the rest of the output
    List<String> out = new ArrayList<>(lines);
    assertTrue(ended, "lbc run " + String.join(" ", args) + " kept serving: " + out);
    exit[0] = lbc.exitValue();
    return out;
  }

  @ParameterizedTest(name = "--admin \"{0}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "127.0.0.1:99999 | 0 to 65535",
        "127.0.0.1:65536 | 0 to 65535",
        "127.0.0.1:-1 | ADDRESS:PORT",
        "127.0.0.1:9x | ADDRESS:PORT",
        "127.0.0.1 | ADDRESS:PORT",
        "127.0.0.1: | ADDRESS:PORT",
        ":9090 | ADDRESS:PORT",
        "999.1.1.1:9090 | part over 255",
        "'[::1:9090' | ADDRESS:PORT",
        "'::1:9090' | [::1]:9090",
        "'bad host!:9090' | not an IP address or a host name",
        "no-such-host.invalid:9090 | cannot be resolved",
      })
  void aMalformedAdminAddressIsAUsageError(String value, String hint) throws Exception {
    int[] exit = new int[1];
    List<String> out = runToExit(exit, "--admin", value);
    String text = String.join("\n", out);
    assertEquals(2, exit[0], text);
    assertTrue(text.contains("--admin"), text);
    assertTrue(text.contains(hint), "says \"" + hint + "\": " + text);
    assertFalse(text.contains("internal error"), text);
    assertFalse(text.contains("serving"), "nothing started: " + text);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--max-connections | 0 | at least 1",
        "--max-connections | -1 | at least 1",
        "--bind-map | 127.0.0.10=nonsense.invalid | not an IP address",
        "--bind-map | mail.lab.example=127.0.0.10 | not an IP address",
        "--bind-map | 127.0.0.20=127.0.0.1 --bind-map 127.0.0.20=127.0.0.2 | twice",
      })
  void aMalformedRunOptionIsAUsageError(String option, String value, String hint) throws Exception {
    List<String> args = new ArrayList<>(List.of("--admin", "127.0.0.1:0", option));
    args.addAll(List.of(value.split(" ")));
    int[] exit = new int[1];
    List<String> out = runToExit(exit, args.toArray(String[]::new));
    String text = String.join("\n", out);
    assertEquals(2, exit[0], text);
    assertTrue(text.contains(option), text);
    assertTrue(text.contains(hint), "says \"" + hint + "\": " + text);
    assertFalse(text.contains("internal error"), text);
  }

  @ParameterizedTest(name = "lint {0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--max-warnings | -1 | 0 or more",
        "--max-warnings | \u0663 | not a whole number",
        "--color | purple | auto, always or never",
        "--severity | =error | ID=LEVEL",
        "--disable | LBC101,,LBC102 | empty",
      })
  void aMalformedLintOptionIsAUsageError(String option, String value, String hint) {
    Cli.Run run =
        Cli.lbc("lint", option, value, Repo.root().resolve("examples/lab.yaml").toString());
    assertEquals(2, run.exit(), run.out() + run.err());
    assertTrue(run.err().contains(option), run.err());
    assertTrue(run.err().contains(hint), "says \"" + hint + "\": " + run.err());
  }

  @Test
  void anAdminPortOfZeroPrintsThePortBound() throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Process lbc =
        RunCommandTest.start(
            lines, "run", "examples/lab.yaml", "--bind-map", VIP, "--admin", "127.0.0.1:0");
    try {
      List<String> seen = new ArrayList<>();
      RunCommandTest.await(lines, "status page http://", seen);
      String line = seen.get(seen.size() - 1);
      Matcher m = Pattern.compile("status page http://127\\.0\\.0\\.1:(\\d+)/").matcher(line);
      assertTrue(m.find(), line);
      int port = Integer.parseInt(m.group(1));
      assertNotEquals(0, port, line);
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(401, answer.statusCode(), "the printed port is the admin API's");
    } finally {
      lbc.destroy();
      lbc.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest(name = "user \"{0}\", password \"{1}\"")
  @CsvSource({"'',''", "admin,''", "'',secret", "' ',' '"})
  void emptyAdminCredentialsSwitchTheApiOffAndTheStartLineSaysSo(String user, String password)
      throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Process lbc =
        RunCommandTest.start(
            Map.of("LBC_ADMIN_USER", user, "LBC_ADMIN_PASSWORD", password),
            List.of(),
            lines,
            "run",
            "examples/lab.yaml",
            "--bind-map",
            VIP,
            "--admin",
            "127.0.0.1:0");
    try {
      List<String> seen = new ArrayList<>();
      RunCommandTest.await(lines, "status page http://", seen);
      String line = seen.get(seen.size() - 1);
      assertTrue(line.contains("API off"), line);
      Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/").matcher(line);
      assertTrue(m.find(), line);
      String empty =
          java.util.Base64.getEncoder()
              .encodeToString(
                  (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + m.group(1) + "/api/status"))
                      .header("Authorization", "Basic " + empty)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(503, answer.statusCode(), answer.body());
    } finally {
      lbc.destroy();
      lbc.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void colorTakesItsValueAndNeverSwallowsTheNextFileName() {
    String example = dev.lbc.testsupport.Repo.root().resolve("examples/lab.yaml").toString();
    // `--color FILE` used to read FILE as the colour and lint nothing
    Cli.Run swallowed = Cli.lbc("lint", "--color", example);
    assertEquals(2, swallowed.exit(), swallowed.out() + swallowed.err());
    assertTrue(swallowed.err().contains("auto, always or never"), swallowed.err());
    Cli.Run run = Cli.lbc("lint", "--color=never", example);
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("1 file checked"), run.out());
  }
}
