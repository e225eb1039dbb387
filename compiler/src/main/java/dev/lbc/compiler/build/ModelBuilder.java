package dev.lbc.compiler.build;

import dev.lbc.compiler.model.Adapters;
import dev.lbc.compiler.model.Appliance;
import dev.lbc.compiler.model.ApplianceInterface;
import dev.lbc.compiler.model.Appliances;
import dev.lbc.compiler.model.Arp;
import dev.lbc.compiler.model.Auth;
import dev.lbc.compiler.model.Balance;
import dev.lbc.compiler.model.Certificate;
import dev.lbc.compiler.model.CheckType;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.ExchangeVersion;
import dev.lbc.compiler.model.HealthCheck;
import dev.lbc.compiler.model.Lockdown;
import dev.lbc.compiler.model.Mode;
import dev.lbc.compiler.model.Namespace;
import dev.lbc.compiler.model.Os;
import dev.lbc.compiler.model.Persistence;
import dev.lbc.compiler.model.Protocol;
import dev.lbc.compiler.model.Purpose;
import dev.lbc.compiler.model.RealServer;
import dev.lbc.compiler.model.Redirect;
import dev.lbc.compiler.model.Server;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.model.Ssl;
import dev.lbc.compiler.model.Timeouts;
import dev.lbc.compiler.model.Tuning;
import dev.lbc.compiler.model.Vdir;
import dev.lbc.compiler.tree.DataNode;
import dev.lbc.compiler.tree.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the model from a data tree that passed the schema. It cannot fail on such a tree: every
 * value was checked by the same parsers the builder uses.
 */
public final class ModelBuilder {
  private ModelBuilder() {}

  public static Deployment build(DataNode root) {
    Fields f = Fields.root(root);
    return new Deployment(
        f.integer("lbc"),
        f.text("name"),
        new ExchangeVersion(ExchangeVersion.Release.of(f.text("exchange")), f.integer("cu")),
        f.keyword(Auth.class, "auth"),
        f.bool("extended-protection"),
        f.duration("servers-tcp-keepalive"),
        appliances(f.object("appliances")),
        map(f.objects("servers"), ModelBuilder::server),
        map(f.objects("certificates"), ModelBuilder::certificate),
        map(f.objects("namespaces"), ModelBuilder::namespace),
        map(f.objects("services"), ModelBuilder::service),
        tuning(f.optionalObject("tuning")),
        f.src());
  }

  private static <T> List<T> map(List<Fields> nodes, java.util.function.Function<Fields, T> fn) {
    List<T> out = new ArrayList<>(nodes.size());
    for (Fields n : nodes) {
      out.add(fn.apply(n));
    }
    return out;
  }

  private static Appliances appliances(Fields f) {
    Fields secondary = f.objectOrNull("secondary");
    return new Appliances(
        appliance(f.object("primary")),
        secondary == null ? null : appliance(secondary),
        f.interfaceAddresses("floating-ips"),
        map(f.objects("interfaces"), ModelBuilder::applianceInterface),
        f.text("admin-password-hash"),
        f.text("admin-password"),
        f.integer("vrrp-id"),
        f.src());
  }

  private static Appliance appliance(Fields f) {
    return new Appliance(
        f.text("hostname"), f.interfaceAddress("address"), f.text("interface"), f.src());
  }

  private static ApplianceInterface applianceInterface(Fields f) {
    return new ApplianceInterface(
        f.text("name"),
        f.interfaceAddress("address"),
        f.interfaceAddress("secondary-address"),
        f.src());
  }

  private static Server server(Fields f) {
    Fields adapters = f.optionalObject("adapters");
    return new Server(
        f.text("name"),
        f.ip("address"),
        f.ip("gateway"),
        f.keyword(Os.class, "os"),
        new Adapters(adapters.text("lan"), adapters.text("loopback"), adapters.src()),
        f.keyword(Arp.class, "arp"),
        f.ips("loopback"),
        f.src());
  }

  private static Certificate certificate(Fields f) {
    return new Certificate(
        f.text("name"), f.text("pem"), f.text("pfx"), f.text("password"), f.src());
  }

  private static Namespace namespace(Fields f) {
    return new Namespace(
        f.text("host"), f.text("service"), f.keywords(Purpose.class, "purpose"), f.src());
  }

  private static Service service(Fields f) {
    List<Integer> ports = new ArrayList<>();
    for (DataNode p : f.list("ports")) {
      ports.add(Math.toIntExact((Long) ((ScalarNode) p).value()));
    }
    Fields check = f.objectOrNull("health-check");
    Fields ssl = f.objectOrNull("ssl");
    Fields lockdown = f.objectOrNull("lockdown");
    return new Service(
        f.text("name"),
        f.ip("vip"),
        ports,
        f.keyword(Mode.class, "mode"),
        f.integer("layer"),
        f.keyword(Protocol.class, "protocol"),
        f.keyword(Balance.class, "balance"),
        f.keyword(Persistence.class, "persistence"),
        check == null ? null : healthCheck(check),
        timeouts(f.optionalObject("timeouts")),
        ssl == null ? null : ssl(ssl),
        f.bool("x-forwarded-for"),
        f.keyword(Redirect.class, "redirect"),
        lockdown == null ? null : lockdown(lockdown),
        map(f.objects("real-servers"), ModelBuilder::realServer),
        f.keywords(Vdir.class, "vdirs"),
        vdirTimeouts(f.objectOrNull("vdir-timeouts")),
        f.src());
  }

  private static Map<Vdir, Timeouts> vdirTimeouts(Fields f) {
    Map<Vdir, Timeouts> out = new TreeMap<>();
    if (f != null) {
      for (Vdir v : Vdir.values()) {
        Fields t = f.objectOrNull(v.word());
        if (t != null) {
          out.put(v, timeouts(t));
        }
      }
    }
    return out;
  }

  private static HealthCheck healthCheck(Fields f) {
    return new HealthCheck(
        f.keyword(CheckType.class, "type"),
        f.text("path"),
        f.text("host"),
        f.integer("expect"),
        f.duration("interval"),
        f.integer("rise"),
        f.integer("fall"),
        f.src());
  }

  private static Timeouts timeouts(Fields f) {
    return new Timeouts(f.duration("client"), f.duration("server"), f.src());
  }

  private static Ssl ssl(Fields f) {
    return new Ssl(f.text("offload"), f.bool("reencrypt"), f.src());
  }

  private static Lockdown lockdown(Fields f) {
    return new Lockdown(f.sourceRanges("allow"), f.src());
  }

  private static RealServer realServer(Fields f) {
    return new RealServer(
        f.text("server"),
        f.integer("port"),
        f.integer("weight"),
        f.integer("min-connections"),
        f.integer("max-connections"),
        f.src());
  }

  private static Tuning tuning(Fields f) {
    return new Tuning(f.integer("request-buffer"), f.src());
  }
}
