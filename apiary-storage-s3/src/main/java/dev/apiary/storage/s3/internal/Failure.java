package dev.apiary.storage.s3.internal;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What a failed S3 request means for the caller: may it be retried, may it have taken effect. */
public enum Failure {
  /** 412: a precondition ({@code If-None-Match: *}) failed; the request did not take effect. */
  PRECONDITION_FAILED,
  /** 409: a concurrent conditional write is in progress; retry the request. Did not take effect. */
  CONFLICT,
  /** 429 or a throttling code: slow down and retry. Did not take effect. */
  THROTTLED,
  /** 5xx or a request timeout: retry, but a write may or may not have taken effect. */
  SERVER_ERROR,
  /** The connection could not be opened: nothing was sent, nothing happened; retry. */
  UNREACHABLE,
  /** No complete response (connection reset, timeout): a write may have taken effect. */
  NETWORK,
  /** Anything else (403, 400, 404 ...): retrying cannot help. */
  FATAL;

  /** Classifies an exception thrown by the S3 client. */
  public static Failure of(RuntimeException e) {
    if (e instanceof S3Exception s3) {
      int status = s3.statusCode();
      String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
      if (status == 412) {
        return PRECONDITION_FAILED;
      }
      if (status == 409 && !"BucketAlreadyOwnedByYou".equals(code)) {
        return CONFLICT;
      }
      if (status == 429 || "SlowDown".equals(code) || "Throttling".equals(code)) {
        return THROTTLED;
      }
      if (status >= 500 || status == 408 || "RequestTimeout".equals(code)) {
        return SERVER_ERROR;
      }
      return FATAL;
    }
    if (e instanceof SdkClientException
        && e.getMessage() != null
        && e.getMessage().startsWith("Unable to load credentials")) {
      return FATAL; // Credentials that vanished (an expired profile); retrying cannot help.
    }
    if (e instanceof SdkClientException || e instanceof UncheckedIOException) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof ConnectException) {
          return UNREACHABLE;
        }
      }
      return NETWORK;
    }
    return FATAL;
  }

  /** Whether repeating the same request can succeed. */
  public boolean retryable() {
    return this != FATAL && this != PRECONDITION_FAILED;
  }

  /** Whether a write that failed this way may nevertheless have taken effect. */
  public boolean ambiguous() {
    return this == SERVER_ERROR || this == NETWORK;
  }

  /** A short description of an S3 client failure for messages: status, code and text. */
  public static String describe(RuntimeException e) {
    if (e instanceof S3Exception s3) {
      String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
      String text = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorMessage();
      return "HTTP "
          + s3.statusCode()
          + (code == null ? "" : " " + code)
          + (text == null ? "" : ": " + text)
          + hint(s3.statusCode(), code);
    }
    String text = e.getClass().getSimpleName() + ": " + e.getMessage();
    return of(e) == UNREACHABLE
        ? text
            + " (check the endpoint in the storage URI or AWS_ENDPOINT_URL, and that the server"
            + " is running)"
        : text;
  }

  private static String hint(int status, String code) {
    if ("NoSuchBucket".equals(code)) {
      return " (create the bucket first, or fix the bucket name in the storage URI)";
    }
    if (status == 403) {
      return " (check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the AWS profile, and that"
          + " they may read and write this bucket)";
    }
    return "";
  }
}
