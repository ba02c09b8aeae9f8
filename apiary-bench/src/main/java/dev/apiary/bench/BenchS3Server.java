package dev.apiary.bench;

import dev.apiary.storage.s3.S3Location;
import dev.apiary.storage.s3.S3ObjectStore;
import dev.apiary.storage.s3.S3Settings;
import dev.apiary.storage.s3.testing.S3TestServer;
import dev.apiary.storage.s3.testing.S3TestServerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The S3 server {@code bench/s3-ratio} measures against: s3proxy in this JVM (its request handling
 * competes with the query for the cores), or in a child JVM of its own ({@link S3TestServerMain}),
 * which is closer to a server on another machine. Closing stops it.
 */
final class BenchS3Server implements AutoCloseable {
  private final String endpoint;
  private final Stopper stop;
  private final String description;
  private final Supplier<Optional<Duration>> cpu;

  /** Stops the server. */
  private interface Stopper {
    void stop() throws IOException;
  }

  private BenchS3Server(
      String endpoint, Stopper stop, String description, Supplier<Optional<Duration>> cpu) {
    this.endpoint = endpoint;
    this.stop = stop;
    this.description = description;
    this.cpu = cpu;
  }

  /** s3proxy in this JVM. */
  static BenchS3Server inProcess() {
    S3TestServer server = S3TestServer.start();
    return new BenchS3Server(
        server.endpoint().toString(),
        server::close,
        "s3proxy in this JVM on 127.0.0.1",
        Optional::empty);
  }

  /**
   * s3proxy in a child JVM; waits until it prints its endpoint.
   *
   * @throws IOException if the child cannot be started or exits before printing its endpoint
   */
  static BenchS3Server childProcess() throws IOException {
    // The client compiler only: the server stands in for storage on another machine, and the
    // optimising compiler's bursts (measured at 2-6 ms of CPU per warm query for the first few
    // thousand requests) would otherwise run on the cores the measured node uses. Requests are
    // served as before (about 0.4 ms of the server's CPU each, either way).
    Process process =
        ChildJvm.builder(
                "1g",
                List.of("-XX:TieredStopAtLevel=1"),
                System.getProperty("java.class.path"),
                S3TestServerMain.class.getName(),
                List.of())
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("endpoint ")) {
      process.destroyForcibly();
      throw new IOException(
          "The S3 test server process printed '"
              + line
              + "' instead of 'endpoint http://127.0.0.1:PORT bucket ...'; see its error output"
              + " above");
    }
    String endpoint = line.split(" ")[1];
    Stopper stop =
        () -> {
          // The server stops when its standard input closes.
          process.getOutputStream().close();
          try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
              process.destroyForcibly();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
          }
        };
    return new BenchS3Server(
        endpoint,
        stop,
        "s3proxy in a separate JVM (pid " + process.pid() + ", client compiler only) on 127.0.0.1",
        () -> process.toHandle().info().totalCpuDuration());
  }

  /** A store under {@code prefix} of the server's bucket. */
  S3ObjectStore newStore(String prefix) {
    return S3ObjectStore.open(
        S3Location.parse(S3TestServer.BUCKET + "/" + prefix + "?endpoint=" + endpoint, Map.of()),
        S3Settings.defaults(),
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)));
  }

  String description() {
    return description;
  }

  /**
   * The CPU time the server's own process has used so far (10 ms steps on Linux); empty when it
   * runs in this JVM.
   */
  Optional<Duration> cpuTime() {
    return cpu.get();
  }

  @Override
  public void close() throws IOException {
    stop.stop();
  }
}
