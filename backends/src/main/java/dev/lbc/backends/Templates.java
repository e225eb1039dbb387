package dev.lbc.backends;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * FreeMarker, set up once for every backend: templates from the classpath, no automatic escaping
 * (each view model escapes for its own file language), errors fail the build rather than leak into
 * output, and a fixed locale so numbers never gain separators.
 */
public final class Templates {
  private static final Configuration CONFIG = new Configuration(Configuration.VERSION_2_3_33);

  static {
    CONFIG.setClassForTemplateLoading(Templates.class, "/dev/lbc/backends");
    CONFIG.setDefaultEncoding("UTF-8");
    CONFIG.setLocale(Locale.ROOT);
    CONFIG.setNumberFormat("computer");
    CONFIG.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    CONFIG.setLogTemplateExceptions(false);
    CONFIG.setWrapUncheckedExceptions(true);
    CONFIG.setFallbackOnNullLoopVariable(false);
  }

  private Templates() {}

  /** One file per appliance, appliances/HOST/{@code file}, rendered from its own view model. */
  public static java.util.List<dev.lbc.compiler.spi.Backend.GeneratedFile> perAppliance(
      dev.lbc.compiler.plan.Plan plan,
      String file,
      String template,
      java.util.function.BiFunction<
              dev.lbc.compiler.plan.Plan, dev.lbc.compiler.plan.Plan.AppliancePlan, Object>
          view) {
    java.util.List<dev.lbc.compiler.spi.Backend.GeneratedFile> files = new java.util.ArrayList<>();
    for (dev.lbc.compiler.plan.Plan.AppliancePlan a : plan.appliances()) {
      files.add(
          new dev.lbc.compiler.spi.Backend.GeneratedFile(
              "appliances/" + a.hostname() + "/" + file, render(template, view.apply(plan, a))));
    }
    return files;
  }

  /** Renders {@code name} (relative to dev/lbc/backends) with {@code model} as "m". */
  public static String render(String name, Object model) {
    try {
      Template t = CONFIG.getTemplate(name);
      StringWriter out = new StringWriter();
      t.process(java.util.Map.of("m", model), out);
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (TemplateException e) {
      throw new IllegalStateException("template " + name + " failed: " + e.getMessage(), e);
    }
  }
}
