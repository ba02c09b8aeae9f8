package dev.apiary.storage.s3.internal;

import dev.apiary.storage.s3.S3Location;
import dev.apiary.storage.s3.S3Settings;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the S3 client of a store: Apache HttpClient 5, no SDK retries (we retry ourselves). */
public final class S3Clients {
  private S3Clients() {}

  /**
   * The client for one location. SDK-level retries are off because a retried create-only write must
   * know that it was retried (a 412 after a retry may be our own first attempt). Checksums are only
   * sent where S3 requires them, which S3-compatible stores accept.
   */
  public static S3Client create(
      S3Location location, S3Settings settings, AwsCredentialsProvider credentials) {
    return builder(location, settings, credentials).httpClientBuilder(http(settings)).build();
  }

  /**
   * The client for one location sending through {@code http}, which it does not close (the caller
   * shares it, e.g. with {@link LeanReads}).
   */
  public static S3Client create(
      S3Location location,
      S3Settings settings,
      AwsCredentialsProvider credentials,
      SdkHttpClient http) {
    return builder(location, settings, credentials).httpClient(http).build();
  }

  /** The HTTP client a store sends with: connections and timeouts from the settings. */
  public static SdkHttpClient httpClient(S3Settings settings) {
    return http(settings).build();
  }

  private static Apache5HttpClient.Builder http(S3Settings settings) {
    return Apache5HttpClient.builder()
        .maxConnections(settings.maxConnections())
        .socketTimeout(settings.attemptTimeout())
        .connectionTimeout(settings.attemptTimeout());
  }

  private static S3ClientBuilder builder(
      S3Location location, S3Settings settings, AwsCredentialsProvider credentials) {
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(location.region()))
            .credentialsProvider(credentials)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .overrideConfiguration(
                o ->
                    o.retryStrategy(RetryMode.STANDARD)
                        .retryStrategy(b -> b.maxAttempts(1))
                        .apiCallAttemptTimeout(settings.attemptTimeout()));
    location
        .endpoint()
        .ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
    return builder;
  }
}
