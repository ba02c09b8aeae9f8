package dev.apiary.storage.s3.testing;

import dev.apiary.storage.s3.S3Location;
import dev.apiary.storage.s3.S3ObjectStore;
import dev.apiary.storage.s3.S3Settings;
import java.net.URI;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A real S3 server for tests: s3proxy with its in-memory store, in this JVM, on a free port of
 * 127.0.0.1, with one bucket. Requests go through {@link Faults} (none unless set). Credentials are
 * {@link #ACCESS_KEY} / {@link #SECRET_KEY}; the build sets them as {@code AWS_ACCESS_KEY_ID} /
 * {@code AWS_SECRET_ACCESS_KEY} for test JVMs, so {@code s3://} URIs opened through the default
 * credential chain work too.
 */
public final class S3TestServer implements AutoCloseable {
  public static final String ACCESS_KEY = "apiary-test";
  public static final String SECRET_KEY = "apiary-test-secret";
  public static final String BUCKET = "apiary-test";

  private final S3Proxy proxy;
  private final Faults faults;
  private final URI endpoint;

  private S3TestServer(S3Proxy proxy, Faults faults) {
    this.proxy = proxy;
    this.faults = faults;
    this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** Starts a server with bucket {@link #BUCKET}. */
  public static S3TestServer start() {
    return start(new Faults(1));
  }

  /** Starts a server whose requests suffer {@code faults}. */
  public static S3TestServer start(Faults faults) {
    TransientNio2BlobStore memory = new TransientNio2BlobStore();
    memory.createContainer(BUCKET);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(new FaultyBlobStore(memory, faults))
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    try {
      proxy.start();
      while (!"STARTED".equals(proxy.getState())) {
        Thread.sleep(5);
      }
    } catch (Exception e) {
      throw new IllegalStateException("s3proxy did not start: " + e, e);
    }
    return new S3TestServer(proxy, faults);
  }

  public URI endpoint() {
    return endpoint;
  }

  public Faults faults() {
    return faults;
  }

  /** {@code s3://apiary-test/<prefix>?endpoint=http://127.0.0.1:<port>}. */
  public String uri(String prefix) {
    return "s3://" + BUCKET + "/" + prefix + "?endpoint=" + endpoint;
  }

  public S3Location location(String prefix) {
    return S3Location.parse(BUCKET + "/" + prefix + "?endpoint=" + endpoint, Map.of());
  }

  /** A store under {@code prefix} with explicit test credentials. */
  public S3ObjectStore newStore(String prefix, S3Settings settings) {
    return S3ObjectStore.open(
        location(prefix),
        settings,
        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
  }

  public S3ObjectStore newStore(String prefix) {
    return newStore(prefix, S3Settings.defaults());
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("s3proxy did not stop: " + e, e);
    }
  }
}
