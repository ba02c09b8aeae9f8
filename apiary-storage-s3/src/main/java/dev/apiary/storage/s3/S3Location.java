package dev.apiary.storage.s3;

import dev.apiary.error.InvalidInputException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an S3 store lives, from {@code s3://bucket[/prefix][?endpoint=URL&region=NAME]} (SPEC
 * §3.1). The endpoint falls back to {@code AWS_ENDPOINT_URL}, the region to {@code AWS_REGION},
 * then {@code AWS_DEFAULT_REGION}, then {@code us-east-1} (what MinIO and s3proxy expect and what
 * R2 ignores). A custom endpoint means path-style addressing ({@code http://host/bucket/key}).
 *
 * @param bucket the bucket name
 * @param prefix the key prefix inside the bucket, {@code ""} or ending in {@code /}
 * @param endpoint a custom endpoint (MinIO, R2, s3proxy), or empty for AWS
 * @param region the signing region
 */
public record S3Location(String bucket, String prefix, Optional<URI> endpoint, String region) {
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public S3Location {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    if (!BUCKET.matcher(bucket).matches()) {
      throw new InvalidInputException(
          "S3 bucket name '"
              + bucket
              + "' is invalid; bucket names have 3 to 63 lowercase letters, digits, '.' or '-'");
    }
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      throw new InvalidInputException("S3 prefix '" + prefix + "' must be empty or end with '/'");
    }
  }

  /**
   * Parses what follows {@code s3://} in a storage URI.
   *
   * @param location {@code bucket[/prefix][?endpoint=URL&region=NAME]}
   * @param environment the process environment, for {@code AWS_ENDPOINT_URL} and the region
   * @throws InvalidInputException for a bad bucket, an unknown query option or a bad endpoint
   */
  public static S3Location parse(String location, Map<String, String> environment) {
    String path = location;
    String query = "";
    int question = location.indexOf('?');
    if (question >= 0) {
      path = location.substring(0, question);
      query = location.substring(question + 1);
    }
    int slash = path.indexOf('/');
    String bucket = slash < 0 ? path : path.substring(0, slash);
    String prefix = slash < 0 ? "" : trimSlashes(path.substring(slash + 1));
    String endpoint = environment.get("AWS_ENDPOINT_URL");
    String region = environment.getOrDefault("AWS_REGION", environment.get("AWS_DEFAULT_REGION"));
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value =
          equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      switch (name) {
        case "endpoint" -> endpoint = value;
        case "region" -> region = value;
        default ->
            throw new InvalidInputException(
                "Unknown option '"
                    + name
                    + "' in storage URI 's3://"
                    + location
                    + "'; the options are endpoint=http://host:port and region=NAME");
      }
    }
    return new S3Location(
        bucket,
        prefix.isEmpty() ? "" : prefix + "/",
        endpoint == null || endpoint.isBlank()
            ? Optional.empty()
            : Optional.of(endpoint(endpoint, location)),
        region == null || region.isBlank() ? "us-east-1" : region);
  }

  private static URI endpoint(String text, String location) {
    try {
      URI uri = new URI(text);
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL with a host");
      }
      return uri;
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      throw new InvalidInputException(
          "S3 endpoint '"
              + text
              + "' for 's3://"
              + location
              + "' is not an http(s) URL with a host ("
              + e.getMessage()
              + "); use e.g. endpoint=http://127.0.0.1:9000");
    }
  }

  private static String trimSlashes(String text) {
    int from = 0;
    int to = text.length();
    while (from < to && text.charAt(from) == '/') {
      from++;
    }
    while (to > from && text.charAt(to - 1) == '/') {
      to--;
    }
    return text.substring(from, to);
  }

  /** The object key of an Apiary key. */
  String objectKey(String key) {
    return prefix + key;
  }

  /** {@code s3://bucket/prefix}, plus the endpoint when it is not AWS. */
  public String describe() {
    String path = prefix.isEmpty() ? "" : "/" + prefix.substring(0, prefix.length() - 1);
    String base = "s3://" + bucket + path;
    return endpoint.map(e -> base + " (endpoint " + e + ")").orElse(base);
  }
}
