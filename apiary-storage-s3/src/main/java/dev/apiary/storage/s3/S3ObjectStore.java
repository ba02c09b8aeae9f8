package dev.apiary.storage.s3;

import dev.apiary.error.InvalidInputException;
import dev.apiary.storage.ObjectInfo;
import dev.apiary.storage.ObjectKeys;
import dev.apiary.storage.ObjectNotFoundException;
import dev.apiary.storage.ObjectStore;
import dev.apiary.storage.ObjectStoreException;
import dev.apiary.storage.OutcomeUnknownException;
import dev.apiary.storage.Utf8Order;
import dev.apiary.storage.s3.internal.Backoff;
import dev.apiary.storage.s3.internal.CreateOnlyPut;
import dev.apiary.storage.s3.internal.LeanReads;
import dev.apiary.storage.s3.internal.MultipartPut;
import dev.apiary.storage.s3.internal.Retrying;
import dev.apiary.storage.s3.internal.S3Clients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link ObjectStore} in an S3 bucket (AWS S3, MinIO, Cloudflare R2, s3proxy ...), every key
 * under the location's prefix.
 *
 * <p>Create-only writes send {@code If-None-Match: *} and resolve ambiguous outcomes by reading the
 * key back ({@link CreateOnlyPut}); a store that ignores the header is detected at node start by
 * {@link dev.apiary.storage.CreateOnlyProbe}. Unconditional writes are single PUTs (atomic on S3),
 * or multipart uploads for large files, which also appear atomically on completion. Idempotent
 * requests are retried with jittered exponential backoff ({@link S3Settings}). {@link #localFile}
 * is always empty: cells are downloaded by the reader.
 *
 * <p>Failures throw {@link ObjectStoreException} naming the operation, key, store, attempts and the
 * S3 status and error code.
 */
public final class S3ObjectStore implements ObjectStore {
  private final S3Client client;
  private final Optional<LeanReads> reads;
  private final S3Location location;
  private final S3Settings settings;
  private final Retrying retrying;

  /**
   * Opens a store with its own HTTP client (Apache HttpClient 5), closed by {@link #close()}.
   * Credentials are resolved once now; nothing is sent to the store yet.
   *
   * @throws InvalidInputException if no credentials can be found
   */
  public static S3ObjectStore open(
      S3Location location, S3Settings settings, AwsCredentialsProvider credentials) {
    try {
      credentials.resolveCredentials();
    } catch (SdkClientException e) {
      throw new InvalidInputException(
          "No AWS credentials for "
              + location.describe()
              + ": set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN for"
              + " temporary credentials), or AWS_PROFILE for a profile in ~/.aws/credentials");
    }
    Backoff backoff =
        Backoff.sleeping(
            settings.backoffBase(), settings.backoffMax(), RandomGenerator.of("L64X128MixRandom"));
    if (location.endpoint().isEmpty()) {
      return new S3ObjectStore(
          S3Clients.create(location, settings, credentials), location, settings, backoff);
    }
    // At a custom endpoint, whole-object GETs and HEADs (every statement's catalog check and log
    // probes) skip the SDK's request pipeline; the SDK client sends everything else.
    SdkHttpClient http = S3Clients.httpClient(settings);
    LeanReads reads =
        new LeanReads(
            http, credentials, location.endpoint().get(), location.bucket(), location.region());
    return new S3ObjectStore(
        S3Clients.create(location, settings, credentials, http),
        Optional.of(reads),
        location,
        settings,
        backoff);
  }

  /** A store over an existing client, which it closes on {@link #close()}. */
  public S3ObjectStore(S3Client client, S3Location location, S3Settings settings, Backoff backoff) {
    this(client, Optional.empty(), location, settings, backoff);
  }

  private S3ObjectStore(
      S3Client client,
      Optional<LeanReads> reads,
      S3Location location,
      S3Settings settings,
      Backoff backoff) {
    this.client = Objects.requireNonNull(client, "client");
    this.reads = reads;
    this.location = Objects.requireNonNull(location, "location");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.retrying = new Retrying(settings.maxAttempts(), backoff, location.describe());
  }

  public S3Location location() {
    return location;
  }

  @Override
  public Optional<byte[]> get(String key) {
    String objectKey = objectKey(key);
    return retrying.call(
        "get",
        key,
        () -> {
          if (reads.isPresent()) {
            return reads.get().get(objectKey);
          }
          try {
            return Optional.of(
                client
                    .getObjectAsBytes(b -> b.bucket(location.bucket()).key(objectKey))
                    .asByteArray());
          } catch (S3Exception e) {
            if (e.statusCode() == 404 && !isNoSuchBucket(e)) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    String objectKey = objectKey(key);
    if (offset < 0 || length < 0) {
      throw new InvalidInputException(
          "Ranged read needs offset >= 0 and length >= 0, got offset "
              + offset
              + " and length "
              + length);
    }
    if (length == 0) {
      if (head(key).isEmpty()) {
        throw notFound(key);
      }
      return new byte[0];
    }
    long end = offset > Long.MAX_VALUE - length ? Long.MAX_VALUE : offset + length - 1;
    return retrying.call(
        "getRange",
        key,
        () -> {
          try {
            return client
                .getObjectAsBytes(
                    b ->
                        b.bucket(location.bucket())
                            .key(objectKey)
                            .range("bytes=" + offset + "-" + end))
                .asByteArray();
          } catch (S3Exception e) {
            if (e.statusCode() == 416) {
              return new byte[0];
            }
            if (e.statusCode() == 404 && !isNoSuchBucket(e)) {
              throw notFound(key);
            }
            throw e;
          }
        });
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    String objectKey = objectKey(key);
    return retrying.call(
        "head",
        key,
        () -> {
          if (reads.isPresent()) {
            return reads
                .get()
                .head(objectKey)
                .map(h -> new ObjectInfo(key, h.sizeBytes(), h.lastModified()));
          }
          try {
            HeadObjectResponse response =
                client.headObject(b -> b.bucket(location.bucket()).key(objectKey));
            return Optional.of(
                new ObjectInfo(key, response.contentLength(), modified(response.lastModified())));
          } catch (S3Exception e) {
            if (e.statusCode() == 404) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  @Override
  public void put(String key, byte[] content) {
    String objectKey = objectKey(key);
    byte[] copy = content.clone();
    retrying.call(
        "put",
        key,
        () ->
            client.putObject(
                b -> b.bucket(location.bucket()).key(objectKey), RequestBody.fromBytes(copy)));
  }

  /**
   * Streams the file: one PUT, or a multipart upload above {@link S3Settings#multipartThreshold}.
   */
  @Override
  public void putFile(String key, Path file) {
    String objectKey = objectKey(key);
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new ObjectStoreException(
          "putFile '" + key + "' in " + describe() + ": cannot read " + file + ": " + e, e);
    }
    if (size > settings.multipartThreshold()) {
      new MultipartPut(client, retrying, settings.partSize())
          .upload(location.bucket(), objectKey, key, file, size);
      return;
    }
    retrying.call(
        "putFile",
        key,
        () ->
            client.putObject(
                b -> b.bucket(location.bucket()).key(objectKey), RequestBody.fromFile(file)));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Sends {@code If-None-Match: *}; see {@link CreateOnlyPut} for how each answer is read.
   *
   * @throws OutcomeUnknownException if the write may or may not have happened even after reading
   *     the key back
   */
  @Override
  public boolean putIfAbsent(String key, byte[] content) {
    String objectKey = objectKey(key);
    byte[] copy = content.clone();
    return new CreateOnlyPut(retrying)
        .run(
            key,
            copy,
            () ->
                client.putObject(
                    b -> b.bucket(location.bucket()).key(objectKey).ifNoneMatch("*"),
                    RequestBody.fromBytes(copy)),
            () -> get(key));
  }

  @Override
  public List<ObjectInfo> list(String prefix, String startAfter) {
    ObjectKeys.requireValidPrefix(prefix);
    String listPrefix = location.prefix() + prefix;
    String from = startAfter == null ? "" : startAfter;
    String serverAfter = commonOrderPrefix(from);
    String after = serverAfter.isEmpty() ? null : location.prefix() + serverAfter;
    List<ObjectInfo> result = new ArrayList<>();
    String token = null;
    do {
      String continuation = token;
      ListObjectsV2Response page =
          retrying.call(
              "list",
              prefix,
              () ->
                  client.listObjectsV2(
                      b ->
                          b.bucket(location.bucket())
                              .prefix(listPrefix)
                              .startAfter(continuation == null ? after : null)
                              .continuationToken(continuation)));
      for (S3Object object : page.contents()) {
        String key = object.key().substring(location.prefix().length());
        if (Utf8Order.compare(key, from) > 0) {
          result.add(new ObjectInfo(key, object.size(), modified(object.lastModified())));
        }
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    result.sort((a, b) -> Utf8Order.compare(a.key(), b.key()));
    return result;
  }

  /**
   * The part of {@code startAfter} before its first character at or above U+D800. AWS lists in
   * UTF-8 byte order, some S3-compatible servers (s3proxy) in UTF-16 order; the two orders agree on
   * such a prefix, so asking the server for keys after it never skips a key, and the exact filter
   * and order are applied here.
   */
  private static String commonOrderPrefix(String startAfter) {
    for (int i = 0; i < startAfter.length(); i++) {
      if (startAfter.charAt(i) >= '\uD800') {
        return startAfter.substring(0, i);
      }
    }
    return startAfter;
  }

  @Override
  public void delete(String key) {
    String objectKey = objectKey(key);
    retrying.call(
        "delete", key, () -> client.deleteObject(b -> b.bucket(location.bucket()).key(objectKey)));
  }

  @Override
  public String describe() {
    return location.describe();
  }

  @Override
  public void close() {
    client.close();
    reads.ifPresent(LeanReads::close);
  }

  private String objectKey(String key) {
    ObjectKeys.requireValid(key);
    return location.prefix() + key;
  }

  private ObjectNotFoundException notFound(String key) {
    return new ObjectNotFoundException("No object '" + key + "' in " + describe());
  }

  private static boolean isNoSuchBucket(S3Exception e) {
    return e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
  }

  private static Instant modified(Instant lastModified) {
    return lastModified == null ? Instant.EPOCH : lastModified;
  }
}
