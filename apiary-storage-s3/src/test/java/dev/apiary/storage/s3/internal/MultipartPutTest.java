package dev.apiary.storage.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.CompletedPart;

class MultipartPutTest {
  private static CompletedPart part(int number, String etag) {
    return CompletedPart.builder().partNumber(number).eTag(etag).build();
  }

  @Test
  void theMultipartEtagIsTheMd5OfThePartMd5sAndThePartCount() {
    // md5("a"), md5("b"); expected value computed independently (Python hashlib).
    List<CompletedPart> parts =
        List.of(
            part(1, "\"0cc175b9c0f1b6a831c399e269772661\""),
            part(2, "92eb5ffee6ae2fec3ad71c777531578f"));
    assertThat(MultipartPut.multipartEtag(parts)).contains("96e024ba2074fe77e8e965ba43a704be-2");
  }

  @Test
  void partEtagsThatAreNotMd5sGiveNoExpectation() {
    assertThat(MultipartPut.multipartEtag(List.of(part(1, "\"abc-3\"")))).isEmpty();
  }
}
