package dev.apiary.storage.s3.testing;

import java.io.IOException;

/**
 * Runs an {@link S3TestServer} for tests outside the JVM (pytest, shell): prints {@code endpoint
 * http://127.0.0.1:PORT bucket apiary-test} on one line of standard output, serves until standard
 * input closes, then stops. Use the credentials {@link S3TestServer#ACCESS_KEY} / {@link
 * S3TestServer#SECRET_KEY}.
 */
public final class S3TestServerMain {
  private S3TestServerMain() {}

  public static void main(String[] args) throws IOException {
    try (S3TestServer server = S3TestServer.start()) {
      System.out.println("endpoint " + server.endpoint() + " bucket " + S3TestServer.BUCKET);
      System.out.flush();
      while (System.in.read() >= 0) {
        // Serve until the parent closes our standard input (or exits).
      }
    }
  }
}
