package dev.apiary.table.internal;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Names inside a frame's {@code _delta_log/} and the URI form of data file paths. Delta stores
 * relative paths as URIs: a partition directory {@code city=a%3Ab} appears in the log as {@code
 * city=a%253Ab}.
 */
public final class LogPaths {
  public static final String LOG_DIR = "_delta_log/";
  public static final String LAST_CHECKPOINT = LOG_DIR + "_last_checkpoint";

  private LogPaths() {}

  public static String commit(long version) {
    return LOG_DIR + String.format("%020d.json", version);
  }

  public static String checkpoint(long version) {
    return LOG_DIR + String.format("%020d.checkpoint.parquet", version);
  }

  /** The version of a commit file name ({@code .../00000000000000000012.json}), or -1. */
  public static long commitVersion(String key) {
    return versionOf(key, ".json");
  }

  /** The version of a single-file checkpoint name, or -1. */
  public static long checkpointVersion(String key) {
    return versionOf(key, ".checkpoint.parquet");
  }

  private static long versionOf(String key, String suffix) {
    int slash = key.lastIndexOf('/');
    String name = key.substring(slash + 1);
    if (!name.endsWith(suffix) || name.length() != 20 + suffix.length()) {
      return -1;
    }
    String digits = name.substring(0, 20);
    for (int i = 0; i < digits.length(); i++) {
      if (!Character.isDigit(digits.charAt(i))) {
        return -1;
      }
    }
    return Long.parseLong(digits);
  }

  /** Encodes a relative object key as the URI path the log stores. */
  public static String toUri(String relativeKey) {
    try {
      return new URI(null, null, relativeKey, null).toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Cannot encode path '" + relativeKey + "'", e);
    }
  }

  /** Decodes a path from the log into a relative object key. */
  public static String fromUri(String uriPath) {
    try {
      URI uri = new URI(uriPath);
      if (uri.getScheme() != null || uri.getPath() == null) {
        throw new IllegalArgumentException(
            "Absolute data file paths are not supported: '" + uriPath + "'");
      }
      return uri.getPath();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Invalid data file path '" + uriPath + "'", e);
    }
  }
}
