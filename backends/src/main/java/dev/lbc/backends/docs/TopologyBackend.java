package dev.lbc.backends.docs;

import dev.lbc.compiler.model.Mode;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.AppliancePlan;
import dev.lbc.compiler.plan.Plan.MemberPlan;
import dev.lbc.compiler.plan.Plan.ServerPlan;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.compiler.spi.Backend;
import dev.lbc.compiler.text.Xml;
import dev.lbc.compiler.value.IpAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * topology.svg: clients, the VIPs with their services, the appliances and the servers, with a line
 * per service from its VIP to each of its servers in the colour of its mode. Drawn by this class as
 * plain SVG; every text goes through {@link #xml}.
 */
public final class TopologyBackend implements Backend {
  private static final int ROW = 22;
  private static final int BOX_GAP = 14;
  private static final Map<Mode, String> MODE_COLOURS =
      new EnumMap<>(
          Map.of(
              Mode.DR,
              "#1f6feb",
              Mode.NAT,
              "#d97706",
              Mode.SNAT,
              "#15803d",
              Mode.TPROXY,
              "#7c3aed"));

  @Override
  public String name() {
    return "topology";
  }

  @Override
  public List<GeneratedFile> renderDeployment(Plan plan) {
    return List.of(new GeneratedFile("topology.svg", svg(plan)));
  }

  private record Box(int x, int y, int w, int h) {
    int midY() {
      return y + h / 2;
    }
  }

  static String svg(Plan plan) {
    Map<IpAddress, List<ServicePlan>> byVip = new LinkedHashMap<>();
    for (ServicePlan s : plan.services()) {
      byVip.computeIfAbsent(s.vip(), k -> new ArrayList<>()).add(s);
    }
    int vipX = 170;
    int vipW = 300;
    int appX = 540;
    int appW = 170;
    int srvX = 780;
    int srvW = 200;
    int top = 70;
    StringBuilder body = new StringBuilder();
    Map<IpAddress, Box> vipBoxes = new LinkedHashMap<>();
    int y = top;
    for (var e : byVip.entrySet()) {
      int h = 30 + ROW * e.getValue().size();
      Box b = new Box(vipX, y, vipW, h);
      vipBoxes.put(e.getKey(), b);
      rect(body, b, "#f1f5f9", "#334155");
      text(body, b.x() + 10, b.y() + 20, "VIP " + e.getKey().text(), "bold", 13);
      int row = 0;
      for (ServicePlan s : e.getValue()) {
        String ports = s.ports().toString().replaceAll("[\\[\\] ]", "");
        String label =
            s.name()
                + "  :"
                + ports
                + "  "
                + s.mode().word().toUpperCase(Locale.ROOT)
                + " L"
                + s.layer()
                + (s.allow().isEmpty() ? "" : "  locked down");
        circle(body, b.x() + 16, b.y() + 36 + ROW * row, MODE_COLOURS.get(s.mode()));
        text(body, b.x() + 26, b.y() + 40 + ROW * row, label, "normal", 12);
        row++;
      }
      y += h + BOX_GAP;
    }
    int vipBottom = y;
    Map<String, Box> serverBoxes = new LinkedHashMap<>();
    y = top;
    for (ServerPlan s : plan.servers()) {
      Box b = new Box(srvX, y, srvW, 44);
      serverBoxes.put(s.name().toLowerCase(Locale.ROOT), b);
      rect(body, b, "#ffffff", "#334155");
      text(body, b.x() + 10, b.y() + 18, s.name(), "bold", 13);
      text(
          body,
          b.x() + 10,
          b.y() + 35,
          s.address().text() + (s.loopbackVips().isEmpty() ? "" : "  (VIPs on loopback)"),
          "normal",
          11);
      y += 44 + BOX_GAP;
    }
    int height = Math.max(Math.max(vipBottom, y), top + 60 + 60 * plan.appliances().size()) + 60;
    Box appliances = new Box(appX, top, appW, 40 + 56 * plan.appliances().size());
    rect(body, appliances, "#fefce8", "#a16207");
    text(body, appX + 10, top + 22, plan.isHaPair() ? "HA pair (VRRP)" : "Appliance", "bold", 13);
    int ay = top + 36;
    for (AppliancePlan a : plan.appliances()) {
      Box b = new Box(appX + 10, ay, appW - 20, 46);
      rect(body, b, "#ffffff", "#a16207");
      text(body, b.x() + 8, b.y() + 18, a.hostname() + " (" + a.role().word() + ")", "bold", 12);
      text(body, b.x() + 8, b.y() + 35, a.address().text() + "/" + a.prefix(), "normal", 11);
      ay += 56;
    }
    Box clients = new Box(20, top, 110, 44);
    rect(body, clients, "#ffffff", "#334155");
    text(body, 32, top + 27, "Clients", "bold", 13);
    StringBuilder lines = new StringBuilder();
    for (Box b : vipBoxes.values()) {
      line(lines, clients.x() + clients.w(), clients.midY(), b.x(), b.midY(), "#94a3b8", 1.2);
      line(lines, b.x() + b.w(), b.midY(), appliances.x(), appliances.midY(), "#94a3b8", 1.2);
    }
    Set<String> drawn = new LinkedHashSet<>();
    for (ServicePlan s : plan.services()) {
      for (MemberPlan m : s.members()) {
        Box target = serverBoxes.get(m.server().toLowerCase(Locale.ROOT));
        if (target != null && drawn.add(s.mode() + "|" + m.server().toLowerCase(Locale.ROOT))) {
          line(
              lines,
              appliances.x() + appliances.w(),
              appliances.midY(),
              target.x(),
              target.midY(),
              MODE_COLOURS.get(s.mode()),
              1.8);
        }
      }
    }
    StringBuilder legend = new StringBuilder();
    int lx = 20;
    for (Mode mode : Mode.values()) {
      circle(legend, lx + 6, height - 26, MODE_COLOURS.get(mode));
      text(legend, lx + 16, height - 22, mode.word().toUpperCase(Locale.ROOT), "normal", 12);
      lx += 90;
    }
    int width = srvX + srvW + 20;
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!-- Generated by lbc for deployment "
        + Xml.comment(plan.name())
        + ". Do not edit. -->\n"
        + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
        + width
        + "\" height=\""
        + height
        + "\" viewBox=\"0 0 "
        + width
        + " "
        + height
        + "\" font-family=\"Helvetica, Arial,"
        + " sans-serif\">\n"
        + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        + "<text x=\"20\" y=\"34\" font-size=\"18\" font-weight=\"bold\" fill=\"#0f172a\">"
        + Xml.escape(plan.name())
        + " ("
        + Xml.escape(plan.exchange().title())
        + ")</text>\n"
        + lines
        + body
        + legend
        + "</svg>\n";
  }

  private static void rect(StringBuilder b, Box box, String fill, String stroke) {
    b.append("<rect x=\"")
        .append(box.x())
        .append("\" y=\"")
        .append(box.y())
        .append("\" width=\"")
        .append(box.w())
        .append("\" height=\"")
        .append(box.h())
        .append("\" rx=\"6\" fill=\"")
        .append(fill)
        .append("\" stroke=\"")
        .append(stroke)
        .append("\"/>\n");
  }

  private static void text(StringBuilder b, int x, int y, String text, String weight, int size) {
    b.append("<text x=\"")
        .append(x)
        .append("\" y=\"")
        .append(y)
        .append("\" font-size=\"")
        .append(size)
        .append("\" font-weight=\"")
        .append(weight)
        .append("\" fill=\"#0f172a\">")
        .append(Xml.escape(text))
        .append("</text>\n");
  }

  private static void circle(StringBuilder b, int x, int y, String fill) {
    b.append("<circle cx=\"")
        .append(x)
        .append("\" cy=\"")
        .append(y)
        .append("\" r=\"5\" fill=\"")
        .append(fill)
        .append("\"/>\n");
  }

  private static void line(
      StringBuilder b, int x1, int y1, int x2, int y2, String colour, double width) {
    b.append("<line x1=\"")
        .append(x1)
        .append("\" y1=\"")
        .append(y1)
        .append("\" x2=\"")
        .append(x2)
        .append("\" y2=\"")
        .append(y2)
        .append("\" stroke=\"")
        .append(colour)
        .append("\" stroke-width=\"")
        .append(width)
        .append("\"/>\n");
  }
}
