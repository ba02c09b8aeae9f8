package dev.apiary.storage.s3.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * GET and HEAD of whole objects at a custom (path-style) endpoint without the SDK's request
 * pipeline: the request is signed by the SDK's own SigV4 signer and sent by the store's HTTP
 * client. These are the requests every statement makes (the catalog check and one log probe per
 * frame); the pipeline around them cost 0.5–2.8 ms of CPU per request on a 2-core machine, several
 * times the server's own time. Failures are reported as the SDK reports them ({@link S3Exception}
 * with the status and the error code, {@link UncheckedIOException} for no response), so {@link
 * Failure} and {@link Retrying} treat both paths alike.
 */
public final class LeanReads implements AutoCloseable {
  /** What a HEAD tells: the object's size and last modification. */
  public record Head(long sizeBytes, Instant lastModified) {}

  private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");
  private static final Pattern MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final URI endpoint;
  private final String bucketPath;
  private final String region;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  /**
   * @param http the client to send with; closed by {@link #close()}
   * @param endpoint the store's endpoint, e.g. {@code http://127.0.0.1:9000}
   */
  public LeanReads(
      SdkHttpClient http,
      AwsCredentialsProvider credentials,
      URI endpoint,
      String bucket,
      String region) {
    this.http = Objects.requireNonNull(http, "http");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    String base = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
    this.bucketPath = (base.endsWith("/") ? base : base + "/") + encode(bucket);
    this.region = Objects.requireNonNull(region, "region");
  }

  /** The whole object, or empty if there is no such key (a missing bucket is an error). */
  public Optional<byte[]> get(String objectKey) {
    try {
      HttpExecuteResponse response = send(SdkHttpMethod.GET, objectKey);
      byte[] body = body(response);
      int status = response.httpResponse().statusCode();
      if (status / 100 == 2) {
        return Optional.of(body);
      }
      S3Exception failure = failure(status, body, response);
      if (status == 404 && !"NoSuchBucket".equals(failure.awsErrorDetails().errorCode())) {
        return Optional.empty();
      }
      throw failure;
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + objectKey + " got no complete response", e);
    }
  }

  /** The object's size and time, or empty if there is no such key. */
  public Optional<Head> head(String objectKey) {
    try {
      HttpExecuteResponse response = send(SdkHttpMethod.HEAD, objectKey);
      byte[] body = body(response);
      int status = response.httpResponse().statusCode();
      if (status == 404) {
        return Optional.empty();
      }
      if (status / 100 != 2) {
        throw failure(status, body, response);
      }
      long size =
          response
              .httpResponse()
              .firstMatchingHeader("Content-Length")
              .map(Long::parseLong)
              .orElse(0L);
      Instant modified =
          response
              .httpResponse()
              .firstMatchingHeader("Last-Modified")
              .flatMap(LeanReads::httpDate)
              .orElse(Instant.EPOCH);
      return Optional.of(new Head(size, modified));
    } catch (IOException e) {
      throw new UncheckedIOException("HEAD " + objectKey + " got no complete response", e);
    }
  }

  private HttpExecuteResponse send(SdkHttpMethod method, String objectKey) throws IOException {
    SdkHttpFullRequest request =
        SdkHttpFullRequest.builder()
            .method(method)
            .protocol(endpoint.getScheme())
            .host(endpoint.getHost())
            .port(endpoint.getPort())
            .encodedPath(bucketPath + "/" + encode(objectKey))
            .build();
    SignedRequest signed =
        signer.sign(
            r ->
                r.identity(credentials.resolveCredentials())
                    .request(request)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false));
    return http.prepareRequest(HttpExecuteRequest.builder().request(signed.request()).build())
        .call();
  }

  /** Reads and closes the response's body, which gives the connection back. */
  private static byte[] body(HttpExecuteResponse response) throws IOException {
    if (response.responseBody().isEmpty()) {
      return new byte[0];
    }
    try (InputStream in = response.responseBody().get()) {
      return in.readAllBytes();
    }
  }

  private static S3Exception failure(int status, byte[] body, HttpExecuteResponse response) {
    String xml = new String(body, StandardCharsets.UTF_8);
    String code = match(CODE, xml);
    String message = match(MESSAGE, xml);
    return (S3Exception)
        S3Exception.builder()
            .statusCode(status)
            .message(message != null ? message : "HTTP " + status)
            .requestId(response.httpResponse().firstMatchingHeader("x-amz-request-id").orElse(null))
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode(code)
                    .errorMessage(message)
                    .serviceName("S3")
                    .build())
            .build();
  }

  private static String match(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static Optional<Instant> httpDate(String text) {
    try {
      return Optional.of(
          ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Percent-encodes a key for the URI path as S3 signs it: everything but unreserved and '/'. */
  static String encode(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || c == '/') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }

  @Override
  public void close() {
    http.close();
  }
}
