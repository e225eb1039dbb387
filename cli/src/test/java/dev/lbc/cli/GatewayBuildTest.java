package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servers' gateway as the guides allow it: a single appliance may be the NAT and TPROXY
 * servers' gateway with its own address, so that build succeeds; a pair must use a floating IP, so
 * the primary's own address is refused.
 */
class GatewayBuildTest {
  private static Cli.Run build(String goldenCase, Path tmp) throws Exception {
    Path src = tmp.resolve("input.yaml");
    Files.copy(Repo.root().resolve("golden/rules/" + goldenCase + "/input.yaml"), src);
    return Cli.lbc("build", src.toString(), "-o", tmp.resolve("out").toString());
  }

  @Test
  void aSingleApplianceNatDeploymentWithItsOwnAddressAsGatewayBuilds(@TempDir Path tmp)
      throws Exception {
    Cli.Run run = build("lbc105-near-miss-single-appliance-own-address", tmp);
    assertEquals(0, run.exit(), run.err());
    assertTrue(Files.exists(tmp.resolve("out/appliances/lb1/keepalived.conf")));
  }

  @Test
  void aSingleApplianceTproxyDeploymentWithItsOwnArmAsGatewayBuilds(@TempDir Path tmp)
      throws Exception {
    Cli.Run run = build("lbc106-near-miss-single-appliance-own-arm", tmp);
    assertEquals(0, run.exit(), run.err());
    assertTrue(Files.exists(tmp.resolve("out/appliances/lb1/haproxy.cfg")));
  }

  @Test
  void aPairWhoseTproxyGatewayIsThePrimarysOwnAddressIsRefused(@TempDir Path tmp) throws Exception {
    Cli.Run run = build("lbc106-tproxy-gateway-primary-interface-in-pair", tmp);
    assertEquals(1, run.exit(), run.err());
    assertTrue((run.out() + run.err()).contains("error[LBC106]"), run.out() + run.err());
  }
}
