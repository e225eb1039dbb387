package dev.lbc.runtime.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The admin API's basic-authentication credentials, from LBC_ADMIN_USER and LBC_ADMIN_PASSWORD.
 * Unset, empty or blank means the API is off: an empty password set by mistake (a template, a
 * systemd unit with {@code Environment=LBC_ADMIN_PASSWORD=}) must not open it to everyone.
 */
public final class AdminCredentials {
  /** SHA-256 of {@code user:password}, or null when the API is off. */
  private final byte[] expected;

  private final String offReason;

  private AdminCredentials(byte[] expected, String offReason) {
    this.expected = expected;
    this.offReason = offReason;
  }

  public static AdminCredentials of(String user, String password) {
    boolean noUser = user == null || user.isBlank();
    boolean noPassword = password == null || password.isBlank();
    if (noUser || noPassword) {
      String which =
          noUser && noPassword
              ? "LBC_ADMIN_USER and LBC_ADMIN_PASSWORD are"
              : noUser ? "LBC_ADMIN_USER is" : "LBC_ADMIN_PASSWORD is";
      return new AdminCredentials(null, which + " unset or empty");
    }
    if (user.indexOf(':') >= 0) {
      // RFC 7617: the user-id cannot contain a colon; "a:b" + "c" would equal "a" + "b:c".
      return new AdminCredentials(null, "LBC_ADMIN_USER contains a colon");
    }
    return new AdminCredentials(sha256(user + ":" + password), null);
  }

  public boolean on() {
    return expected != null;
  }

  /** Why the API is off, naming the variable; null when it is on. */
  public String offReason() {
    return offReason;
  }

  /**
   * Whether an Authorization header carries these credentials. Both sides are hashed first, so the
   * comparison takes the same time whatever the header holds and leaks neither content nor length.
   */
  boolean accept(String authorization) {
    if (expected == null || authorization == null || !authorization.startsWith("Basic ")) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(authorization.substring(6).trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(sha256(given), expected);
  }

  private static byte[] sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
