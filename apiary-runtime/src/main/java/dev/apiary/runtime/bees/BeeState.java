package dev.apiary.runtime.bees;

/** What a bee is doing. */
public enum BeeState {
  IDLE,
  BUSY;

  /** The lower-case name the status APIs report ({@code idle}, {@code busy}). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
