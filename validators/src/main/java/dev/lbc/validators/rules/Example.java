package dev.lbc.validators.rules;

/**
 * Builds the example deployments of the rule pages: a clean Exchange Server SE HA pair with two
 * Mailbox servers, into which each rule's example puts its one defect. The tests prove each {@code
 * bad} example triggers its rule and each {@code good} one does not.
 */
final class Example {
  private Example() {}

  static final String APPLIANCES =
      """
      appliances:
        primary: { hostname: lb1, address: 192.168.30.5/24 }
        secondary: { hostname: lb2, address: 192.168.30.6/24 }
        admin-password: ${env:LB_ADMIN_PASSWORD}
      """;

  static final String SERVERS =
      """
      servers:
        - { name: MBOX1, address: 192.168.30.20 }
        - { name: MBOX2, address: 192.168.30.21 }
      """;

  static final String NAMESPACES =
      """
      namespaces:
        - { host: mail.example.com, service: MBOX-HTTPS, purpose: [owa] }
        - { host: autodiscover.example.com, service: MBOX-HTTPS, purpose: [autodiscover] }
      """;

  static final String HTTPS =
      """
        - name: MBOX-HTTPS
          vip: 192.168.30.10
          ports: [443]
          mode: snat
          health-check: { type: https-get, path: /owa/healthcheck.htm, expect: 200 }
          real-servers: [{ server: MBOX1, port: 443 }, { server: MBOX2, port: 443 }]
      """;

  /** The HTTPS service in layer 4 DR mode, both servers keeping the VIP's port. */
  static final String DR_HTTPS =
      """
        - name: MBOX-HTTPS
          vip: 192.168.30.10
          ports: [443]
          mode: dr
          health-check: { type: https-get, path: /owa/healthcheck.htm, expect: 200 }
          real-servers: [{ server: MBOX1 }, { server: MBOX2 }]
      """;

  static final String SMTP =
      """
        - name: MBOX-SMTP
          vip: 192.168.30.10
          ports: [25]
          mode: snat
          lockdown: { allow: [192.168.30.50] }
          real-servers: [{ server: MBOX1, port: 25 }, { server: MBOX2, port: 25 }]
      """;

  /**
   * {@code yaml} with the marker {@code # ~ id} at the end of the one line that contains {@code
   * fragment}: the line the rule reports in a rule page's bad example.
   */
  static String mark(String yaml, String fragment, String id) {
    String[] lines = yaml.split("\n", -1);
    int found = -1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(fragment)) {
        if (found >= 0) {
          throw new IllegalArgumentException("more than one line contains " + fragment);
        }
        found = i;
      }
    }
    if (found < 0) {
      throw new IllegalArgumentException("no line contains " + fragment);
    }
    lines[found] += "  # ~ " + id;
    return String.join("\n", lines);
  }

  /** A deployment with the standard parts, {@code top} keys and these services. */
  static String deployment(String top, String appliances, String servers, String services) {
    return "lbc: 1\nname: demo\nexchange: se\n"
        + top
        + appliances
        + servers
        + NAMESPACES
        + "services:\n"
        + services;
  }

  /** The standard deployment with these services (HTTPS and SMTP are not added). */
  static String withServices(String services) {
    return deployment("", APPLIANCES, SERVERS, services);
  }

  /**
   * The SSL offload example with certificate ExchangeCert read from {@code file}: a file of
   * golden/certs/examples/certs/, where the tests compile the rule pages' examples.
   */
  static String offloading(String file) {
    return OffloadWithoutReencrypt.offloadExample("true")
        .replace("pem: certs/exchange.pem", "pem: certs/" + file);
  }

  /** The standard deployment: HTTPS, SMTP and {@code extra} services. */
  static String with(String extra) {
    return withServices(HTTPS + SMTP + extra);
  }
}
