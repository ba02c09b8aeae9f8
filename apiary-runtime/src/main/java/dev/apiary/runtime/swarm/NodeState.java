package dev.apiary.runtime.swarm;

import java.util.Locale;

/** How this node judges a peer: by how long ago it last saw the peer's heartbeat change. */
public enum NodeState {
  /** A new heartbeat version within the suspect period. */
  ALIVE,
  /** No new version for longer than the suspect period (15 s by default). */
  SUSPECT,
  /** No new version for longer than the dead period (30 s by default). */
  DEAD;

  /** {@code alive}, {@code suspect} or {@code dead}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
