package dev.apiary.storage.s3.internal;

import dev.apiary.storage.ObjectStoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Uploads a large local file as a multipart upload, one part at a time, streaming each part from
 * disk. The object appears atomically when the upload completes; on failure the upload is aborted
 * so no parts are left behind (a crash leaves parts that a bucket lifecycle rule should expire).
 */
public final class MultipartPut {
  private final S3Client client;
  private final Retrying retrying;
  private final long partSize;

  public MultipartPut(S3Client client, Retrying retrying, long partSize) {
    this.client = client;
    this.retrying = retrying;
    this.partSize = partSize;
  }

  /**
   * Uploads {@code file} of {@code size} bytes to {@code objectKey}.
   *
   * @throws ObjectStoreException if a request fails for good (the upload is aborted)
   */
  public void upload(String bucket, String objectKey, String key, Path file, long size) {
    String uploadId =
        retrying.call(
            "putFile (start multipart upload)",
            key,
            () -> client.createMultipartUpload(b -> b.bucket(bucket).key(objectKey)).uploadId());
    try {
      List<CompletedPart> parts = new ArrayList<>();
      int number = 1;
      for (long offset = 0; offset < size; offset += partSize, number++) {
        FileRange range = new FileRange(file, offset, Math.min(partSize, size - offset));
        int partNumber = number;
        String etag =
            retrying.call(
                "putFile (part " + partNumber + ")",
                key,
                () ->
                    client
                        .uploadPart(
                            b ->
                                b.bucket(bucket)
                                    .key(objectKey)
                                    .uploadId(uploadId)
                                    .partNumber(partNumber)
                                    .contentLength(range.length()),
                            RequestBody.fromContentProvider(
                                range, range.length(), "application/octet-stream"))
                        .eTag());
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
      }
      retrying.call(
          "putFile (complete multipart upload)",
          key,
          () ->
              client.completeMultipartUpload(
                  b ->
                      b.bucket(bucket)
                          .key(objectKey)
                          .uploadId(uploadId)
                          .multipartUpload(u -> u.parts(parts))));
    } catch (RuntimeException e) {
      abort(bucket, objectKey, uploadId, e);
      throw e;
    }
  }

  private void abort(String bucket, String objectKey, String uploadId, RuntimeException failure) {
    try {
      client.abortMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId));
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
