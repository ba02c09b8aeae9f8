package dev.apiary.runtime.swarm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when a test advances it; also a monotonic nanosecond source. */
final class ManualClock extends Clock {
  private volatile Instant now;

  ManualClock(Instant start) {
    this.now = start;
  }

  void advance(Duration duration) {
    now = now.plus(duration);
  }

  /**
   * Nanoseconds since the epoch of this clock's instant: a monotonic clock as long as it only
   * advances.
   */
  long nanoTime() {
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** A clock that reads this one shifted by {@code offset} (another machine's skewed clock). */
  Clock skewed(Duration offset) {
    return Clock.offset(this, offset);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
