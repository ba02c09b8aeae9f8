package dev.apiary.storage.s3.testing;

import java.io.InputStream;
import java.time.Duration;
import java.util.function.Supplier;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A hand-written fault injector between s3proxy's HTTP front end and its in-memory store: fails,
 * delays or hangs requests, or ignores {@code If-None-Match}, as {@link Faults} says. A failure
 * makes s3proxy answer 500; a hang longer than the client's timeout is a network error to the
 * client.
 */
final class FaultyBlobStore extends ForwardingBlobStore {
  private final Faults faults;

  FaultyBlobStore(BlobStore delegate, Faults faults) {
    super(delegate);
    this.faults = faults;
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
    PutObjectRequest effective =
        faults.ignoresConditionalWrites() && request.ifNoneMatch() != null
            ? request.toBuilder().ifNoneMatch(null).build()
            : request;
    return write(() -> super.putBlob(effective, content));
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(
      MultipartUpload upload, CompleteMultipartUploadRequest request) {
    CompleteMultipartUploadResponse response =
        write(() -> super.completeMultipartUpload(upload, request));
    sleep(faults.hangAfterComplete());
    return response;
  }

  @Override
  public UploadPartResponse uploadMultipartPart(
      MultipartUpload upload, UploadPartRequest request, InputStream content) {
    return write(() -> super.uploadMultipartPart(upload, request, content));
  }

  @Override
  public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
    return write(() -> super.removeBlob(request));
  }

  @Override
  public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
    return read(() -> super.getBlob(request));
  }

  @Override
  public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
    return read(() -> super.blobMetadata(request));
  }

  @Override
  public ListObjectsV2Response list(ListObjectsV2Request request) {
    return read(() -> super.list(request));
  }

  private <T> T read(Supplier<T> request) {
    Faults.Stage stage = before();
    T result = request.get();
    if (stage == Faults.Stage.AFTER) {
      throw internalError("injected fault after the request took effect");
    }
    return result;
  }

  private <T> T write(Supplier<T> request) {
    T result = read(request);
    sleep(faults.hangAfterWrite());
    return result;
  }

  private Faults.Stage before() {
    sleep(faults.delay());
    Faults.Stage stage = faults.failureStage();
    if (stage == Faults.Stage.BEFORE) {
      throw internalError("injected fault before the request took effect");
    }
    return stage;
  }

  /** s3proxy answers an {@link S3Exception} with its status: 500 InternalError here. */
  private static S3Exception internalError(String message) {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(500)
            .message(message)
            .awsErrorDetails(
                AwsErrorDetails.builder().errorCode("InternalError").errorMessage(message).build())
            .build();
  }

  private static void sleep(Duration duration) {
    if (duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
