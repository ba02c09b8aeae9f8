package dev.apiary.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.InvalidInputException;
import dev.apiary.storage.StorageUri.Scheme;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageUriTest {
  private static final Path HOME = Path.of("/home/bee");
  private static final Path CWD = Path.of("/work/hive");

  private static StorageUri parse(String text) {
    return StorageUri.parse(text, HOME, CWD);
  }

  private static final String SUPPORTED =
      "local:///absolute/path, local://relative/path, ~/path, a plain path, s3://bucket/prefix"
          + " or memory://";

  @Test
  void localUriWithAbsolutePath() {
    assertThat(parse("local:///data/apiary"))
        .isEqualTo(new StorageUri(Scheme.LOCAL, "/data/apiary"));
    assertThat(parse("local:///data/apiary")).hasToString("local:///data/apiary");
  }

  @Test
  void localUriWithRelativePathResolvesAgainstTheWorkingDirectory() {
    assertThat(parse("local://data/apiary"))
        .isEqualTo(new StorageUri(Scheme.LOCAL, "/work/hive/data/apiary"));
    assertThat(parse("LOCAL://./x/../y")).isEqualTo(new StorageUri(Scheme.LOCAL, "/work/hive/y"));
  }

  @Test
  void tildeResolvesAgainstHome() {
    assertThat(parse("~/.apiary/data/main"))
        .isEqualTo(new StorageUri(Scheme.LOCAL, "/home/bee/.apiary/data/main"));
    assertThat(parse("~")).isEqualTo(new StorageUri(Scheme.LOCAL, "/home/bee"));
    assertThat(parse("local://~/x")).isEqualTo(new StorageUri(Scheme.LOCAL, "/home/bee/x"));
  }

  @Test
  void plainPathsAreLocal() {
    assertThat(parse("/srv/apiary/")).isEqualTo(new StorageUri(Scheme.LOCAL, "/srv/apiary"));
    assertThat(parse("data")).isEqualTo(new StorageUri(Scheme.LOCAL, "/work/hive/data"));
    assertThat(parse("dir:with:colons"))
        .isEqualTo(new StorageUri(Scheme.LOCAL, "/work/hive/dir:with:colons"));
  }

  @Test
  void s3AndMemoryUris() {
    assertThat(parse("s3://bucket/prefix?endpoint=http://localhost:9000"))
        .isEqualTo(new StorageUri(Scheme.S3, "bucket/prefix?endpoint=http://localhost:9000"));
    assertThat(parse("s3://bucket")).hasToString("s3://bucket");
    assertThat(parse("memory://")).isEqualTo(new StorageUri(Scheme.MEMORY, ""));
    assertThat(parse("memory://scratch")).hasToString("memory://scratch");
  }

  @Test
  void unknownSchemesAreRejectedNamingTheSupportedOnes() {
    assertThatThrownBy(() -> parse("gs://bucket/x"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Unsupported storage URI scheme 'gs' in 'gs://bucket/x'; use one of " + SUPPORTED);
    assertThatThrownBy(() -> parse("file:///tmp/x"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Unsupported storage URI scheme 'file' in 'file:///tmp/x'; use one of " + SUPPORTED);
  }

  @Test
  void emptyAndIncompleteUrisAreRejected() {
    assertThatThrownBy(() -> parse(""))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Storage URI must not be empty; use one of " + SUPPORTED);
    assertThatThrownBy(() -> parse("  "))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Storage URI must not be empty; use one of " + SUPPORTED);
    assertThatThrownBy(() -> parse(null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Storage URI must not be empty; use one of " + SUPPORTED);
    assertThatThrownBy(() -> parse("local://"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Storage URI 'local://' names no directory; use local:///absolute/path");
    assertThatThrownBy(() -> parse("s3://"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Storage URI 's3://' names no bucket; use s3://bucket[/prefix]");
    assertThatThrownBy(() -> parse("s3:///prefix"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Storage URI 's3:///prefix' names no bucket; use s3://bucket[/prefix]");
  }

  @Test
  void otherUsersHomesAreRejected() {
    assertThatThrownBy(() -> parse("~queen/data"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Storage URI '~queen/data' names another user's home directory, which is not"
                + " supported; use ~/path or an absolute path");
  }

  @Test
  void localLocationsMustBeAbsolute() {
    assertThatThrownBy(() -> new StorageUri(Scheme.LOCAL, "relative"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("A local storage location must be an absolute path, got 'relative'");
  }

  @Test
  void parseWithoutArgumentsUsesTheProcessHomeAndWorkingDirectory() {
    assertThat(StorageUri.parse("~/x").location())
        .isEqualTo(
            Path.of(System.getProperty("user.home"), "x").toAbsolutePath().normalize().toString());
    assertThat(StorageUri.parse("rel").location())
        .isEqualTo(
            Path.of(System.getProperty("user.dir"), "rel").toAbsolutePath().normalize().toString());
  }

  @Test
  void openingALocalUriGivesALocalStoreThere(@TempDir Path temp) {
    try (ObjectStore store = ObjectStores.open("local://" + temp.resolve("s"))) {
      assertThat(store).isInstanceOf(LocalObjectStore.class);
      assertThat(store.describe()).isEqualTo("local://" + temp.resolve("s"));
      store.put("a/k", new byte[] {1});
    }
    try (ObjectStore store = ObjectStores.open(temp.resolve("s").toString())) {
      assertThat(store.get("a/k")).hasValueSatisfying(v -> assertThat(v).containsExactly(1));
    }
  }

  @Test
  void openingMemoryGivesAFreshStoreEachTime() {
    try (ObjectStore first = ObjectStores.open("memory://");
        ObjectStore second = ObjectStores.open("memory://")) {
      assertThat(first).isInstanceOf(MemoryObjectStore.class);
      first.put("k", new byte[] {1});
      assertThat(second.get("k")).isEmpty();
    }
  }

  @Test
  void openingS3WithoutTheS3ModuleSaysWhichDependencyIsMissing() {
    assertThatThrownBy(() -> ObjectStores.open("s3://bucket/prefix"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Cannot open 's3://bucket/prefix': the S3 backend (module apiary-storage-s3) is not on"
                + " the class path; add the dependency dev.apiary:apiary-storage-s3, or use a local"
                + " directory such as local:///path");
  }

  @Test
  void openingAnUnknownSchemeFails() {
    assertThatThrownBy(() -> ObjectStores.open("ftp://host/x"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Unsupported storage URI scheme 'ftp' in 'ftp://host/x'; use one of " + SUPPORTED);
  }
}
