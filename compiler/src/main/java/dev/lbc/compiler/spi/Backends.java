package dev.lbc.compiler.spi;

import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.AppliancePlan;
import dev.lbc.compiler.spi.Backend.GeneratedFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The registry of build targets: every {@link Backend} listed in {@code
 * META-INF/services/dev.lbc.compiler.spi.Backend}, sorted by name, each name once. {@code lbc
 * build} renders them all; {@code lbc run} takes the ones it runs from here too, so both see the
 * same backends.
 */
public final class Backends {
  private final List<Backend> all;

  private Backends(List<Backend> backends) {
    List<Backend> sorted = new ArrayList<>(backends);
    sorted.sort(Comparator.comparing(Backend::name));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).name().equals(sorted.get(i - 1).name())) {
        throw new IllegalStateException(
            "two backends are named "
                + sorted.get(i).name()
                + ": "
                + sorted.get(i - 1).getClass().getName()
                + " and "
                + sorted.get(i).getClass().getName());
      }
    }
    this.all = List.copyOf(sorted);
  }

  /** Every registered backend. */
  public static Backends load() {
    List<Backend> found = new ArrayList<>();
    ServiceLoader.load(Backend.class, Backends.class.getClassLoader()).forEach(found::add);
    return new Backends(found);
  }

  /** A registry of exactly these backends (tests). */
  public static Backends of(List<Backend> backends) {
    return new Backends(backends);
  }

  /** The backends, sorted by name. */
  public List<Backend> all() {
    return all;
  }

  /** The registered backend of this class; it must be registered. */
  public <T extends Backend> T get(Class<T> type) {
    return all.stream()
        .filter(type::isInstance)
        .map(type::cast)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(type.getName() + " is not registered"));
  }

  /** The folder of an appliance's files in a build, with a trailing '/'. */
  public static String applianceFolder(AppliancePlan appliance) {
    return "appliances/" + appliance.hostname() + "/";
  }

  /**
   * Every file of a build, by path relative to the build folder: each backend's deployment files,
   * and each appliance's files in {@link #applianceFolder}. Two backends writing one path is a bug
   * and is refused.
   */
  public SortedMap<String, String> render(Plan plan) {
    SortedMap<String, String> files = new TreeMap<>();
    for (Backend b : all) {
      for (GeneratedFile f : b.renderDeployment(plan)) {
        add(files, f.path(), f.text(), b);
      }
      for (AppliancePlan a : plan.appliances()) {
        for (GeneratedFile f : b.render(plan, a)) {
          add(files, applianceFolder(a) + f.path(), f.text(), b);
        }
      }
    }
    return files;
  }

  private static void add(SortedMap<String, String> files, String path, String text, Backend b) {
    if (files.put(path, text) != null) {
      throw new IllegalStateException("two backends wrote " + path + " (one is " + b.name() + ")");
    }
  }
}
