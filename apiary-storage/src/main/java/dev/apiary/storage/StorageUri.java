package dev.apiary.storage;

import dev.apiary.error.InvalidInputException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an apiary keeps its objects, parsed from the forms of SPEC §3.1: {@code local:///abs/path},
 * {@code local://relative/path}, {@code ~/path} or a plain path (a local directory), {@code
 * s3://bucket[/prefix][?query]}, and {@code memory://[name]} (a private, in-memory store for
 * tests). Any other scheme is rejected, never taken for a local path.
 *
 * @param scheme the kind of store
 * @param location for {@link Scheme#LOCAL} the absolute, normalised directory; for {@link
 *     Scheme#S3} what follows {@code s3://}; for {@link Scheme#MEMORY} the optional name
 */
public record StorageUri(Scheme scheme, String location) {

  /** The kinds of store a URI can name. */
  public enum Scheme {
    LOCAL,
    S3,
    MEMORY;

    String prefix() {
      return name().toLowerCase(Locale.ROOT) + "://";
    }
  }

  static final String SUPPORTED =
      "local:///absolute/path, local://relative/path, ~/path, a plain path, s3://bucket/prefix"
          + " or memory://";

  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://(.*)$");

  public StorageUri {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(location, "location");
    if (scheme == Scheme.LOCAL && !Path.of(location).isAbsolute()) {
      throw new InvalidInputException(
          "A local storage location must be an absolute path, got '" + location + "'");
    }
  }

  /** Parses a URI, resolving {@code ~} and relative paths against this process's home and cwd. */
  public static StorageUri parse(String text) {
    return parse(
        text, Path.of(System.getProperty("user.home")), Path.of(System.getProperty("user.dir")));
  }

  /**
   * Parses a URI, resolving {@code ~} against {@code home} and relative paths against {@code
   * workingDirectory}.
   *
   * @throws InvalidInputException for an empty text, an unsupported scheme, or a scheme without a
   *     location, naming the supported forms
   */
  public static StorageUri parse(String text, Path home, Path workingDirectory) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("Storage URI must not be empty; use one of " + SUPPORTED);
    }
    Matcher matcher = SCHEME.matcher(text);
    if (!matcher.matches()) {
      return local(text, text, home, workingDirectory);
    }
    String scheme = matcher.group(1).toLowerCase(Locale.ROOT);
    String rest = matcher.group(2);
    switch (scheme) {
      case "local":
        if (rest.isEmpty()) {
          throw new InvalidInputException(
              "Storage URI '" + text + "' names no directory; use local:///absolute/path");
        }
        return local(text, rest, home, workingDirectory);
      case "s3":
        if (rest.isEmpty() || rest.startsWith("/") || rest.startsWith("?")) {
          throw new InvalidInputException(
              "Storage URI '" + text + "' names no bucket; use s3://bucket[/prefix]");
        }
        return new StorageUri(Scheme.S3, rest);
      case "memory":
        return new StorageUri(Scheme.MEMORY, rest);
      default:
        throw new InvalidInputException(
            "Unsupported storage URI scheme '"
                + matcher.group(1)
                + "' in '"
                + text
                + "'; use one of "
                + SUPPORTED);
    }
  }

  private static StorageUri local(String text, String path, Path home, Path workingDirectory) {
    Path resolved;
    if (path.equals("~") || path.startsWith("~/")) {
      resolved = home.resolve(path.equals("~") ? "" : path.substring(2));
    } else if (path.startsWith("~")) {
      throw new InvalidInputException(
          "Storage URI '"
              + text
              + "' names another user's home directory, which is not supported; use ~/path or an"
              + " absolute path");
    } else {
      resolved = workingDirectory.resolve(path);
    }
    return new StorageUri(Scheme.LOCAL, resolved.toAbsolutePath().normalize().toString());
  }

  /**
   * The canonical text: {@code local:///abs/path}, {@code s3://bucket/prefix}, {@code memory://}.
   */
  @Override
  public String toString() {
    return scheme.prefix() + location;
  }
}
