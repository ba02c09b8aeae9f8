package dev.apiary.runtime.cache;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves one second forward every time it is read: distinct, ordered times. */
final class TickingClock extends Clock {
  private final AtomicLong seconds = new AtomicLong(1_700_000_000L);

  @Override
  public Instant instant() {
    return Instant.ofEpochSecond(seconds.incrementAndGet());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("UTC only");
  }
}
