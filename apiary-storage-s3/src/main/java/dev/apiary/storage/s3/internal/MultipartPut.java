package dev.apiary.storage.s3.internal;

import dev.apiary.storage.ObjectStoreException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

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
      complete(bucket, objectKey, key, uploadId, parts);
    } catch (RuntimeException e) {
      abort(bucket, objectKey, uploadId, e);
      throw e;
    }
  }

  /**
   * Completes the upload. If an attempt completed it but its response was lost, the retry finds the
   * upload gone (404 NoSuchUpload); then the object is ours if its ETag is the multipart ETag of
   * exactly our parts (MD5 of the parts' MD5s, "-", part count).
   */
  private void complete(
      String bucket, String objectKey, String key, String uploadId, List<CompletedPart> parts) {
    try {
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
    } catch (ObjectStoreException e) {
      if (!(e.getCause() instanceof S3Exception s3 && s3.statusCode() == 404)) {
        throw e;
      }
      Optional<String> expected = multipartEtag(parts);
      String actual;
      try {
        actual = client.headObject(b -> b.bucket(bucket).key(objectKey)).eTag();
      } catch (RuntimeException head) {
        e.addSuppressed(head);
        throw e;
      }
      if (expected.isEmpty() || !expected.get().equals(unquote(actual))) {
        throw e;
      }
    }
  }

  static Optional<String> multipartEtag(List<CompletedPart> parts) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      for (CompletedPart part : parts) {
        String hex = unquote(part.eTag());
        if (!hex.matches("[0-9a-fA-F]{32}")) {
          return Optional.empty();
        }
        md5.update(HexFormat.of().parseHex(hex));
      }
      return Optional.of(HexFormat.of().formatHex(md5.digest()) + "-" + parts.size());
    } catch (NoSuchAlgorithmException e) {
      return Optional.empty();
    }
  }

  private static String unquote(String etag) {
    return etag == null ? "" : etag.replace("\"", "");
  }

  private void abort(String bucket, String objectKey, String uploadId, RuntimeException failure) {
    try {
      client.abortMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId));
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
