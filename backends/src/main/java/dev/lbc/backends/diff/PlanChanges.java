package dev.lbc.backends.diff;

import dev.lbc.backends.diff.ModelChange.Kind;
import dev.lbc.compiler.model.Keyword;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.value.IpAddress;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The field-level changes between two plans. Walks the plan's records component by component, so
 * that a field added to the plan is compared without anyone remembering to add it here; lists of
 * named things (services, servers, members, appliances, namespaces...) are matched by name, so that
 * a service added in the middle reads as one service added, not as every later one changed.
 */
public final class PlanChanges {
  /** The components that name a list element, in the order they are looked for. */
  private static final List<String> KEYS = List.of("name", "hostname", "host", "server", "vdir");

  private PlanChanges() {}

  /** Every change from {@code before} to {@code after}, in plan order. */
  public static List<ModelChange> between(Plan before, Plan after) {
    List<ModelChange> out = new ArrayList<>();
    compareRecords("", before, after, out);
    return List.copyOf(out);
  }

  private static void compare(String path, Object a, Object b, List<ModelChange> out) {
    if (Objects.equals(a, b)) {
      return;
    }
    if (a instanceof Record ra
        && b instanceof Record rb
        && a.getClass() == b.getClass()
        && !isValue(a)) {
      compareRecords(path, ra, rb, out);
    } else if (a instanceof List<?> la && b instanceof List<?> lb && keyed(la) && keyed(lb)) {
      compareKeyed(path, la, lb, out);
    } else {
      out.add(new ModelChange(path, Kind.CHANGED, render(path, a), render(path, b)));
    }
  }

  private static void compareRecords(String path, Record a, Record b, List<ModelChange> out) {
    for (RecordComponent c : a.getClass().getRecordComponents()) {
      // the input's name is the file's, not the deployment's
      if (path.isEmpty() && c.getName().equals("source")) {
        continue;
      }
      String child = path.isEmpty() ? c.getName() : path + "." + c.getName();
      compare(child, value(c, a), value(c, b), out);
    }
  }

  private static void compareKeyed(String path, List<?> a, List<?> b, List<ModelChange> out) {
    Map<String, Object> before = byKey(a);
    Map<String, Object> after = byKey(b);
    for (Map.Entry<String, Object> e : before.entrySet()) {
      String child = path + "[" + e.getKey() + "]";
      if (after.containsKey(e.getKey())) {
        compare(child, e.getValue(), after.get(e.getKey()), out);
      } else {
        out.add(new ModelChange(child, Kind.REMOVED, e.getKey(), null));
      }
    }
    for (String key : after.keySet()) {
      if (!before.containsKey(key)) {
        out.add(new ModelChange(path + "[" + key + "]", Kind.ADDED, null, key));
      }
    }
  }

  /** True if every element is a record with a naming component (an empty list qualifies). */
  private static boolean keyed(List<?> list) {
    return list.stream().allMatch(e -> e instanceof Record r && keyOf(r) != null);
  }

  private static Map<String, Object> byKey(List<?> list) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Object e : list) {
      m.putIfAbsent(keyOf((Record) e), e);
    }
    return m;
  }

  private static String keyOf(Record r) {
    for (String k : KEYS) {
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        if (c.getName().equals(k)) {
          return render("", value(c, r));
        }
      }
    }
    return null;
  }

  /** Addresses, networks and ranges: compared and shown whole, as written. */
  private static boolean isValue(Object o) {
    return o.getClass().getPackageName().equals(IpAddress.class.getPackageName());
  }

  private static Object value(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c.getName() + " of a plan record", e);
    }
  }

  /** A value as a user reads it; a secret is never shown, only that it changed. */
  static String render(String path, Object v) {
    String leaf = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    if (leaf.contains("password")) {
      return v == null ? "none" : "(secret)";
    }
    if (v == null) {
      return "none";
    }
    if (v instanceof Keyword k) {
      return k.word();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(e -> render("", e)).collect(Collectors.joining(", ", "[", "]"));
    }
    if (v instanceof Record r && !isValue(r)) {
      List<String> parts = new ArrayList<>();
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        parts.add(c.getName() + "=" + render(c.getName(), value(c, r)));
      }
      return String.join(" ", parts);
    }
    return v.toString();
  }
}
