package dev.apiary.runtime.swarm;

import dev.apiary.error.InvalidInputException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The timing of swarm membership (SPEC §7.3). A node publishes a heartbeat every {@code
 * heartbeatInterval} and refreshes its world view as often; a peer is suspect after {@code
 * suspectAfter} without a new heartbeat version (as this node observed it), dead after {@code
 * deadAfter}, and its heartbeat is deleted once it has been dead for {@code cleanupAfter}. Graceful
 * shutdown waits up to {@code drainTimeout} for running statements.
 */
public record SwarmSettings(
    Duration heartbeatInterval,
    Duration suspectAfter,
    Duration deadAfter,
    Duration cleanupAfter,
    Duration drainTimeout) {

  /** The SPEC's timing: 5 s, 15 s, 30 s, 1 h; drains for up to 30 s. */
  public static final SwarmSettings DEFAULTS =
      new SwarmSettings(
          Duration.ofSeconds(5),
          Duration.ofSeconds(15),
          Duration.ofSeconds(30),
          Duration.ofHours(1),
          Duration.ofSeconds(30));

  public SwarmSettings {
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(suspectAfter, "suspectAfter");
    Objects.requireNonNull(deadAfter, "deadAfter");
    Objects.requireNonNull(cleanupAfter, "cleanupAfter");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
      throw new InvalidInputException(
          "The heartbeat interval must be positive, got " + heartbeatInterval);
    }
    if (suspectAfter.compareTo(heartbeatInterval) <= 0
        || deadAfter.compareTo(suspectAfter) <= 0
        || cleanupAfter.compareTo(deadAfter) <= 0) {
      throw new InvalidInputException(
          "Swarm timing must grow: heartbeat interval "
              + heartbeatInterval
              + " < suspect after "
              + suspectAfter
              + " < dead after "
              + deadAfter
              + " < cleanup after "
              + cleanupAfter
              + "; e.g. 5s, 15s, 30s, 1h");
    }
    if (drainTimeout.isNegative()) {
      throw new InvalidInputException("The drain timeout must be 0 or more, got " + drainTimeout);
    }
  }

  /**
   * The defaults with overrides from the environment: {@code APIARY_HEARTBEAT_INTERVAL}, {@code
   * APIARY_SUSPECT_AFTER}, {@code APIARY_DEAD_AFTER}, {@code APIARY_CLEANUP_AFTER}, {@code
   * APIARY_DRAIN_TIMEOUT} (durations such as {@code 200ms}, {@code 5s}, {@code 2m}, {@code 1h}).
   *
   * @throws InvalidInputException if a value cannot be read or the timing does not grow
   */
  public static SwarmSettings fromEnvironment(UnaryOperator<String> environment) {
    SwarmSettings d = DEFAULTS;
    return new SwarmSettings(
        duration(environment, "APIARY_HEARTBEAT_INTERVAL", d.heartbeatInterval()),
        duration(environment, "APIARY_SUSPECT_AFTER", d.suspectAfter()),
        duration(environment, "APIARY_DEAD_AFTER", d.deadAfter()),
        duration(environment, "APIARY_CLEANUP_AFTER", d.cleanupAfter()),
        duration(environment, "APIARY_DRAIN_TIMEOUT", d.drainTimeout()));
  }

  private static Duration duration(
      UnaryOperator<String> environment, String name, Duration fallback) {
    String value = environment.apply(name);
    return value == null || value.isBlank() ? fallback : parseDuration(name, value);
  }

  /** Reads {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h} or an ISO-8601 {@code PT5S}. */
  public static Duration parseDuration(String what, String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("pt")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).strip()));
      }
      long amount = Long.parseLong(t.substring(0, t.length() - 1).strip());
      switch (t.charAt(t.length() - 1)) {
        case 's':
          return Duration.ofSeconds(amount);
        case 'm':
          return Duration.ofMinutes(amount);
        case 'h':
          return Duration.ofHours(amount);
        default:
          break;
      }
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      // Reported below with the accepted forms.
    }
    throw new InvalidInputException(
        "Cannot read the duration '" + text + "' of " + what + "; write e.g. 200ms, 5s, 2m or 1h");
  }
}
