package dev.apiary.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.InvalidInputException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3LocationTest {

  @Test
  void bucketAloneMeansAwsWithTheDefaultRegion() {
    S3Location location = S3Location.parse("my-bucket", Map.of());
    assertThat(location).isEqualTo(new S3Location("my-bucket", "", Optional.empty(), "us-east-1"));
    assertThat(location.describe()).isEqualTo("s3://my-bucket");
  }

  @Test
  void prefixEndpointAndRegionComeFromTheUri() {
    S3Location location =
        S3Location.parse(
            "data/team/apiary/?endpoint=http%3A%2F%2Fnas.local%3A9000&region=eu-west-1", Map.of());
    assertThat(location)
        .isEqualTo(
            new S3Location(
                "data",
                "team/apiary/",
                Optional.of(URI.create("http://nas.local:9000")),
                "eu-west-1"));
    assertThat(location.describe())
        .isEqualTo("s3://data/team/apiary (endpoint http://nas.local:9000)");
  }

  @Test
  void endpointAndRegionFallBackToTheEnvironmentAndTheUriWins() {
    Map<String, String> environment =
        Map.of("AWS_ENDPOINT_URL", "https://r2.example", "AWS_DEFAULT_REGION", "auto");
    assertThat(S3Location.parse("bkt/p", environment))
        .isEqualTo(
            new S3Location("bkt", "p/", Optional.of(URI.create("https://r2.example")), "auto"));
    assertThat(
            S3Location.parse(
                    "bkt/p?endpoint=http://127.0.0.1:9000",
                    Map.of("AWS_ENDPOINT_URL", "https://x", "AWS_REGION", "us-west-2"))
                .endpoint())
        .contains(URI.create("http://127.0.0.1:9000"));
    assertThat(S3Location.parse("bkt/p", Map.of("AWS_REGION", "us-west-2")).region())
        .isEqualTo("us-west-2");
  }

  @Test
  void badBucketsOptionsAndEndpointsAreRejectedWithTheFix() {
    assertThatThrownBy(() -> S3Location.parse("My_Bucket/p", Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "S3 bucket name 'My_Bucket' is invalid; bucket names have 3 to 63 lowercase letters,"
                + " digits, '.' or '-'");
    assertThatThrownBy(() -> S3Location.parse("b1b/p?endpont=http://x", Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Unknown option 'endpont' in storage URI 's3://b1b/p?endpont=http://x'; the options"
                + " are endpoint=http://host:port and region=NAME");
    assertThatThrownBy(() -> S3Location.parse("b1b?endpoint=nas:9000", Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("S3 endpoint 'nas:9000' for 's3://b1b?endpoint=nas:9000' is not")
        .hasMessageEndingWith("use e.g. endpoint=http://127.0.0.1:9000");
  }
}
