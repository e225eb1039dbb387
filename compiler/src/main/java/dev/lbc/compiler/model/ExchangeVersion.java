package dev.lbc.compiler.model;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The Exchange Server the deployment fronts: a release and, if written, its cumulative update.
 *
 * @param cu null if not written; 0 is the release as first shipped (RTM)
 */
public record ExchangeVersion(Release release, Integer cu) {
  /** The cumulative update of Exchange 2019 that turns Extended Protection on by default. */
  public static final int EXTENDED_PROTECTION_CU = 14;

  /** A release of Exchange Server, written as its year or {@code se}. */
  public enum Release {
    EXCHANGE_2013("2013", "Exchange 2013", LocalDate.of(2023, 4, 11)),
    EXCHANGE_2016("2016", "Exchange 2016", LocalDate.of(2025, 10, 14)),
    EXCHANGE_2019("2019", "Exchange 2019", LocalDate.of(2025, 10, 14)),
    SE("se", "Exchange Server SE", null);

    private final String word;
    private final String title;
    private final LocalDate endOfSupport;

    Release(String word, String title, LocalDate endOfSupport) {
      this.word = word;
      this.title = title;
      this.endOfSupport = endOfSupport;
    }

    /** As written in YAML and the DSL: {@code 2016}, {@code se}. */
    public String word() {
      return word;
    }

    /** As Microsoft names it: {@code Exchange 2016}, {@code Exchange Server SE}. */
    public String title() {
      return title;
    }

    /**
     * The last day Microsoft supports the release (Microsoft Lifecycle), or empty while it is
     * supported with no end announced (the Subscription Edition).
     */
    public Optional<LocalDate> endOfSupport() {
      return Optional.ofNullable(endOfSupport);
    }

    /** The release written {@code word}; the schema has checked it exists. */
    public static Release of(String word) {
      for (Release r : values()) {
        if (r.word.equals(word)) {
          return r;
        }
      }
      throw new IllegalArgumentException("not an Exchange release: " + word);
    }
  }

  /**
   * Extended Protection as Exchange sets it when nobody did: on in Exchange Server SE and from 2019
   * CU14 (its setup turns it on), also for a 2019 whose CU is not written (lbc's default before
   * {@code cu:} existed); off in 2019 before CU14, 2016 and 2013.
   */
  public boolean extendedProtectionByDefault() {
    return switch (release) {
      case SE -> true;
      case EXCHANGE_2019 -> cu == null || cu >= EXTENDED_PROTECTION_CU;
      case EXCHANGE_2013, EXCHANGE_2016 -> false;
    };
  }

  /** {@code Exchange 2019 CU14}, {@code Exchange Server SE}, {@code Exchange 2016 RTM}. */
  public String title() {
    if (cu == null) {
      return release.title();
    }
    return release.title() + (cu == 0 ? " RTM" : " CU" + cu);
  }
}
