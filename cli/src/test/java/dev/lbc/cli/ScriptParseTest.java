package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lbc.backends.exchange.ExchangeBackend;
import dev.lbc.backends.windows.ServerScriptsBackend;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.spi.Backend.GeneratedFile;
import dev.lbc.testsupport.Lbc;
import dev.lbc.testsupport.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated PowerShell script parses with zero error nodes in a real PowerShell grammar
 * (tree-sitter-powershell, tools/ps-parse), and every shell script passes {@code sh -n}: those of
 * every example, and the server and Exchange scripts of a deployment in every mode.
 */
class ScriptParseTest {
  @Test
  void everyGeneratedScriptParses(@TempDir Path tmp) throws Exception {
    List<String> ps1 = new ArrayList<>();
    List<Path> sh = new ArrayList<>();
    int n = 0;
    for (Path d : RealToolsTest.deployments()) {
      Path out = tmp.resolve("b" + n++);
      BuildTest.build(d, out);
      try (Stream<Path> s = Files.walk(out)) {
        for (Path f : s.filter(Files::isRegularFile).toList()) {
          if (f.toString().endsWith(".ps1")) {
            ps1.add(f.toString());
          } else if (f.toString().endsWith(".sh")) {
            sh.add(f);
          }
        }
      }
    }
    // Every mode, as a pair and alone, so that each optional block (default gateway, relay
    // connector, loopback bindings, X-Forwarded-For logging) is parsed even where no example
    // has it.
    for (String mode : List.of("snat", "dr", "nat", "tproxy")) {
      for (boolean pair : List.of(true, false)) {
        Plan plan = Lbc.plan(ServerPreparationTest.deployment(mode, pair, null));
        List<GeneratedFile> files = new ArrayList<>();
        files.addAll(new ServerScriptsBackend().renderDeployment(plan));
        files.addAll(new ExchangeBackend().renderDeployment(plan));
        for (GeneratedFile f : files) {
          if (f.path().endsWith(".ps1")) {
            Path out = tmp.resolve(mode + "-" + pair).resolve(f.path());
            Files.createDirectories(out.getParent());
            ps1.add(Files.writeString(out, f.text()).toString());
          }
        }
      }
    }
    assertFalse(ps1.isEmpty(), "the examples generate PowerShell scripts");
    List<String> command =
        new ArrayList<>(
            List.of("node", Repo.root().resolve("tools/ps-parse/parse.mjs").toString()));
    command.addAll(ps1);
    Netns.Result r = Netns.run(command, null);
    assertEquals(0, r.exit(), r.out() + r.err());
    for (Path f : sh) {
      Netns.Result check = Netns.run(List.of("sh", "-n", f.toString()), null);
      assertEquals(0, check.exit(), f + ": " + check.err());
    }
  }

  @Test
  void theParserRejectsBrokenPowerShell(@TempDir Path tmp) throws Exception {
    Path bad = Files.writeString(tmp.resolve("bad.ps1"), "if ($x { Write-Host 'a' \n");
    Netns.Result r =
        Netns.run(
            List.of(
                "node", Repo.root().resolve("tools/ps-parse/parse.mjs").toString(), bad.toString()),
            null);
    assertEquals(1, r.exit(), r.out());
  }
}
