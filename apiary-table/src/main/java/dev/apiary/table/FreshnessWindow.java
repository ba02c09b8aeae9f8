package dev.apiary.table;

import dev.apiary.error.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * How old a statement's view of the catalog and of a frame's log may be: an answer from storage is
 * reused, without a request, until {@code window} has passed since the request that fetched it was
 * sent. {@link #NONE} (the default) reuses nothing, so a statement sees every commit that returned
 * before it started, on any node and by any Delta writer; a window trades that for fewer requests.
 * A node's own commits are always seen at once, whatever the window.
 *
 * @param window zero for none; never negative
 * @param clock the time that the window is measured in
 */
public record FreshnessWindow(Duration window, InstantSource clock) {
  /** Every statement checks storage for newer versions. */
  public static final FreshnessWindow NONE =
      new FreshnessWindow(Duration.ZERO, InstantSource.system());

  public FreshnessWindow {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(clock, "clock");
    if (window.isNegative()) {
      throw new InvalidInputException(
          "The freshness window must be zero (always check storage) or positive, got " + window);
    }
  }

  /** Now, by the window's clock. */
  Instant now() {
    return clock.instant();
  }

  /** Whether an answer fetched by a request sent at {@code sentAt} (null: never) is still fresh. */
  boolean covers(Instant sentAt) {
    return !window.isZero() && sentAt != null && now().isBefore(sentAt.plus(window));
  }
}
