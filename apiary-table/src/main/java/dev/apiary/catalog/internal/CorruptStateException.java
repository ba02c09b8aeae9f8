package dev.apiary.catalog.internal;

/**
 * A catalog state file (or the latest-version hint) cannot be used: it is empty, not JSON, of an
 * unknown format version or inconsistent. Checked, because every caller must decide to fall back.
 */
public final class CorruptStateException extends Exception {
  private static final long serialVersionUID = 1L;

  public CorruptStateException(String message) {
    super(message);
  }
}
