package dev.apiary.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour every {@link ObjectStore} must have (SPEC §3.2). A backend's test extends this
 * class and supplies a fresh, empty store per test; backend-specific tests live in the subclass.
 */
public abstract class ObjectStoreContractTest {

  /** A new, empty store; called once per test and closed after it. */
  protected abstract ObjectStore newStore();

  protected ObjectStore store;

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  protected static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  protected List<String> keys(List<ObjectInfo> infos) {
    return infos.stream().map(ObjectInfo::key).toList();
  }

  // ---- get / head / getRange ----

  @Test
  void getOfMissingKeyIsEmpty() {
    assertThat(store.get("no/such/key")).isEmpty();
  }

  @Test
  void getReturnsWhatPutWrote() {
    store.put("a/b/c.json", bytes("{\"v\":1}"));
    assertThat(store.get("a/b/c.json"))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("{\"v\":1}")));
  }

  @Test
  void putFileStoresTheFileAndReplacesAtomically(@TempDir Path files) throws Exception {
    Path file = files.resolve("cell.parquet");
    byte[] content = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(content);
    Files.write(file, content);
    store.put("f/cell.parquet", bytes("old"));
    store.putFile("f/cell.parquet", file);
    assertThat(store.get("f/cell.parquet"))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(content));
    assertThat(keys(store.list("f/"))).containsExactly("f/cell.parquet");
    store
        .localFile("f/cell.parquet")
        .ifPresent(local -> assertThat(local).hasBinaryContent(content));
    assertThat(store.localFile("f/missing.parquet")).isEmpty();
  }

  @Test
  void binaryContentRoundTripsExactly() {
    byte[] everyByte = new byte[256 * 4];
    for (int i = 0; i < everyByte.length; i++) {
      everyByte[i] = (byte) i;
    }
    byte[] random = new byte[1_000_003];
    new Random(7).nextBytes(random);
    store.put("bin/every-byte", everyByte);
    assertThat(store.putIfAbsent("bin/random", random)).isTrue();
    assertThat(store.get("bin/every-byte").orElseThrow()).isEqualTo(everyByte);
    assertThat(store.get("bin/random").orElseThrow()).isEqualTo(random);
    assertThat(store.head("bin/random").orElseThrow().size()).isEqualTo(random.length);
  }

  @Test
  void emptyObjectRoundTrips() {
    store.put("empty/put", new byte[0]);
    assertThat(store.putIfAbsent("empty/created", new byte[0])).isTrue();
    assertThat(store.putIfAbsent("empty/created", bytes("x"))).isFalse();
    for (String key : List.of("empty/put", "empty/created")) {
      assertThat(store.get(key)).hasValueSatisfying(v -> assertThat(v).isEmpty());
      assertThat(store.head(key).orElseThrow().size()).isZero();
      assertThat(store.getRange(key, 0, 10)).isEmpty();
    }
    assertThat(store.list("empty/")).extracting(ObjectInfo::size).containsExactly(0L, 0L);
  }

  @Test
  void storeKeepsItsOwnCopyOfContent() {
    byte[] content = bytes("original");
    store.put("copy/put", content);
    store.putIfAbsent("copy/created", content);
    content[0] = 'X';
    store.get("copy/put").orElseThrow()[0] = 'Y';
    assertThat(store.get("copy/put").orElseThrow()).isEqualTo(bytes("original"));
    assertThat(store.get("copy/created").orElseThrow()).isEqualTo(bytes("original"));
  }

  @Test
  void headReportsSizeAndModificationTime() {
    Instant before = Instant.now().minus(Duration.ofMinutes(5));
    store.put("h/k", bytes("12345"));
    ObjectInfo info = store.head("h/k").orElseThrow();
    assertThat(info.key()).isEqualTo("h/k");
    assertThat(info.size()).isEqualTo(5);
    assertThat(info.lastModified()).isBetween(before, Instant.now().plus(Duration.ofMinutes(5)));
  }

  @Test
  void headOfMissingKeyIsEmpty() {
    store.put("h/other", bytes("x"));
    assertThat(store.head("h/k")).isEmpty();
    assertThat(store.head("h")).isEmpty();
  }

  @Test
  void getRangeReadsASliceAndStopsAtTheEnd() {
    store.put("r/k", bytes("0123456789"));
    assertThat(store.getRange("r/k", 0, 10)).isEqualTo(bytes("0123456789"));
    assertThat(store.getRange("r/k", 3, 4)).isEqualTo(bytes("3456"));
    assertThat(store.getRange("r/k", 7, 100)).isEqualTo(bytes("789"));
    assertThat(store.getRange("r/k", 9, Integer.MAX_VALUE)).isEqualTo(bytes("9"));
    assertThat(store.getRange("r/k", 5, 0)).isEmpty();
  }

  @Test
  void getRangeAtOrPastTheEndIsEmpty() {
    store.put("r/k", bytes("0123456789"));
    assertThat(store.getRange("r/k", 10, 5)).isEmpty();
    assertThat(store.getRange("r/k", 11, 5)).isEmpty();
    assertThat(store.getRange("r/k", Long.MAX_VALUE, 5)).isEmpty();
  }

  @Test
  void getRangeOfMissingKeyThrowsObjectNotFound() {
    assertThatThrownBy(() -> store.getRange("r/missing", 0, 1))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessage("No object 'r/missing' in " + store.describe());
  }

  @Test
  void getRangeRejectsNegativeOffsetOrLength() {
    store.put("r/k", bytes("0123456789"));
    assertThatThrownBy(() -> store.getRange("r/k", -1, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Ranged read needs offset >= 0 and length >= 0, got offset -1 and length 1");
    assertThatThrownBy(() -> store.getRange("r/k", 0, -2))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Ranged read needs offset >= 0 and length >= 0, got offset 0 and length -2");
  }

  // ---- put / putIfAbsent ----

  @Test
  void putOverwritesContentAndSize() {
    store.put("p/k", bytes("a longer first version"));
    store.put("p/k", bytes("short"));
    assertThat(store.get("p/k").orElseThrow()).isEqualTo(bytes("short"));
    assertThat(store.head("p/k").orElseThrow().size()).isEqualTo(5);
    assertThat(keys(store.list("p/"))).containsExactly("p/k");
  }

  @Test
  void putIfAbsentCreatesOnceAndKeepsTheFirstContent() {
    assertThat(store.putIfAbsent("c/k", bytes("first"))).isTrue();
    assertThat(store.putIfAbsent("c/k", bytes("second"))).isFalse();
    assertThat(store.get("c/k").orElseThrow()).isEqualTo(bytes("first"));
  }

  @Test
  void putIfAbsentRefusesAKeyWrittenByPut() {
    store.put("c/k", bytes("by put"));
    assertThat(store.putIfAbsent("c/k", bytes("by create"))).isFalse();
    assertThat(store.get("c/k").orElseThrow()).isEqualTo(bytes("by put"));
  }

  @Test
  void putIfAbsentSucceedsAgainAfterDelete() {
    assertThat(store.putIfAbsent("c/k", bytes("one"))).isTrue();
    store.delete("c/k");
    assertThat(store.putIfAbsent("c/k", bytes("two"))).isTrue();
    assertThat(store.get("c/k").orElseThrow()).isEqualTo(bytes("two"));
  }

  // ---- list ----

  @Test
  void emptyStoreListsNothing() {
    assertThat(store.list("")).isEmpty();
    assertThat(store.list("a/")).isEmpty();
    assertThat(store.list("", "a")).isEmpty();
  }

  @Test
  void listIsRecursiveAndSorted() {
    for (String key : List.of("t/b", "t/a/z", "t/a/b/c", "t/c", "t/a/a", "u/x", "s/y")) {
      store.put(key, bytes(key));
    }
    assertThat(keys(store.list("t/"))).containsExactly("t/a/a", "t/a/b/c", "t/a/z", "t/b", "t/c");
    assertThat(keys(store.list("t/a/"))).containsExactly("t/a/a", "t/a/b/c", "t/a/z");
    assertThat(keys(store.list("")))
        .containsExactly("s/y", "t/a/a", "t/a/b/c", "t/a/z", "t/b", "t/c", "u/x");
  }

  @Test
  void listReportsSizes() {
    store.put("s/one", bytes("1"));
    store.put("s/three", bytes("333"));
    assertThat(store.list("s/"))
        .extracting(ObjectInfo::key, ObjectInfo::size)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("s/one", 1L),
            org.assertj.core.groups.Tuple.tuple("s/three", 3L));
  }

  @Test
  void listOfMissingPrefixIsEmpty() {
    store.put("a/b/c", bytes("x"));
    assertThat(store.list("a/c/")).isEmpty();
    assertThat(store.list("b/")).isEmpty();
    assertThat(store.list("a/b/c/")).isEmpty();
  }

  @Test
  void listDoesNotIncludeSiblingsSharingThePrefixString() {
    for (String key : List.of("a/b/x", "a/bc/y", "a/b-c/z", "a/ab/w", "a/b.d/v", "b/q")) {
      store.put(key, bytes(key));
    }
    assertThat(keys(store.list("a/b/"))).containsExactly("a/b/x");
    assertThat(keys(store.list("a/bc/"))).containsExactly("a/bc/y");
  }

  @Test
  void listStartsStrictlyAfterStartAfter() {
    for (String key : List.of("v/1", "v/2", "v/3/x", "v/4")) {
      store.put(key, bytes(key));
    }
    assertThat(keys(store.list("v/", "v/2"))).containsExactly("v/3/x", "v/4");
    assertThat(keys(store.list("v/", "v/2a"))).containsExactly("v/3/x", "v/4");
    assertThat(keys(store.list("v/", "v/3"))).containsExactly("v/3/x", "v/4");
    assertThat(keys(store.list("v/", "v/3/x"))).containsExactly("v/4");
    assertThat(keys(store.list("v/", "v/4"))).isEmpty();
    assertThat(keys(store.list("v/", ""))).containsExactly("v/1", "v/2", "v/3/x", "v/4");
    assertThat(keys(store.list("v/", null))).containsExactly("v/1", "v/2", "v/3/x", "v/4");
  }

  @Test
  void listWithStartAfterOutsideThePrefix() {
    for (String key : List.of("m/1", "m/2", "a/1", "z/1")) {
      store.put(key, bytes(key));
    }
    assertThat(keys(store.list("m/", "a/9"))).containsExactly("m/1", "m/2");
    assertThat(keys(store.list("m/", "m"))).containsExactly("m/1", "m/2");
    assertThat(keys(store.list("m/", "m/"))).containsExactly("m/1", "m/2");
    assertThat(keys(store.list("m/", "n"))).isEmpty();
    assertThat(keys(store.list("m/", "z/0"))).isEmpty();
  }

  @Test
  void listOrdersByUtf8BytesNotUtf16Units() {
    // U+FF5E sorts after U+1F600 in UTF-16 (0xFF5E > 0xD83D) but before it in UTF-8 (EF < F0).
    for (String key : List.of("k/\uD83D\uDE00", "k/\uFF5E", "k/z", "k/\u00E9", "k/Z")) {
      store.put(key, bytes(key));
    }
    assertThat(keys(store.list("k/")))
        .containsExactly("k/Z", "k/z", "k/\u00E9", "k/\uFF5E", "k/\uD83D\uDE00");
    assertThat(keys(store.list("k/", "k/\uFF5E"))).containsExactly("k/\uD83D\uDE00");
  }

  // ---- delete ----

  @Test
  void deleteRemovesTheObjectAndIsIdempotent() {
    store.put("d/a/k", bytes("x"));
    store.put("d/b", bytes("y"));
    store.delete("d/a/k");
    store.delete("d/a/k");
    store.delete("d/never/was");
    assertThat(store.get("d/a/k")).isEmpty();
    assertThat(store.head("d/a/k")).isEmpty();
    assertThat(keys(store.list("d/"))).containsExactly("d/b");
    assertThat(store.list("d/a/")).isEmpty();
  }

  @Test
  void writesUnderADeletedPrefixWorkAgain() {
    store.put("d/a/b/k", bytes("x"));
    store.delete("d/a/b/k");
    store.put("d/a/b/k2", bytes("y"));
    assertThat(store.putIfAbsent("d/a/b/k", bytes("z"))).isTrue();
    assertThat(keys(store.list("d/"))).containsExactly("d/a/b/k", "d/a/b/k2");
  }

  // ---- key validation ----

  static Stream<Arguments> invalidKeys() {
    return Stream.of(
        Arguments.of(null, "Object key must not be empty"),
        Arguments.of("", "Object key must not be empty"),
        Arguments.of(
            "/abs/key", "Object key '/abs/key' is absolute; keys are relative to the storage root"),
        Arguments.of("a//b", "Object key 'a//b' has an empty segment ('//' or a trailing '/')"),
        Arguments.of("a/b/", "Object key 'a/b/' has an empty segment ('//' or a trailing '/')"),
        Arguments.of("a/../b", "Object key 'a/../b' contains a '..' segment, which keys may not"),
        Arguments.of("..", "Object key '..' contains a '..' segment, which keys may not"),
        Arguments.of("./a", "Object key './a' contains a '.' segment, which keys may not"),
        Arguments.of(
            "a\\b", "Object key 'a\\b' contains a backslash or NUL character, which keys may not"));
  }

  @ParameterizedTest
  @MethodSource("invalidKeys")
  void everyKeyedOperationRejectsInvalidKeys(String key, String message) {
    List<Consumer<String>> operations =
        List.of(
            k -> store.get(k),
            k -> store.getRange(k, 0, 1),
            k -> store.head(k),
            k -> store.put(k, bytes("x")),
            k -> store.putIfAbsent(k, bytes("x")),
            k -> store.delete(k));
    for (Consumer<String> operation : operations) {
      assertThatThrownBy(() -> operation.accept(key))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(message);
    }
    assertThat(store.list("")).isEmpty();
  }

  static Stream<Arguments> invalidPrefixes() {
    return Stream.of(
        Arguments.of(null, "List prefix must not be null; use \"\" for everything"),
        Arguments.of("a", "List prefix 'a' must end with '/': lists are by directory"),
        Arguments.of("/", "Object key must not be empty"),
        Arguments.of("/a/", "Object key '/a' is absolute; keys are relative to the storage root"),
        Arguments.of("a//", "Object key 'a/' has an empty segment ('//' or a trailing '/')"),
        Arguments.of("a/../", "Object key 'a/..' contains a '..' segment, which keys may not"));
  }

  @ParameterizedTest
  @MethodSource("invalidPrefixes")
  void listRejectsInvalidPrefixes(String prefix, String message) {
    assertThatThrownBy(() -> store.list(prefix))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> store.list(prefix, "a"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(message);
  }

  // ---- concurrency ----

  /** Distinct, recognisable content per writer, of a different length per writer. */
  private static byte[] writerContent(int writer) {
    String unit = "writer-" + writer + ";";
    return unit.repeat((2048 + writer * 97) / unit.length()).getBytes(UTF_8);
  }

  @Test
  void exactlyOneOfManyRacingThreadsWinsEachKey() throws Exception {
    int threads = 16;
    int keyCount = 200;
    CyclicBarrier start = new CyclicBarrier(threads);
    Map<String, Integer> winners = new ConcurrentHashMap<>();
    List<String> problems = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int writer = t;
        futures.add(
            pool.submit(
                () -> {
                  byte[] mine = writerContent(writer);
                  start.await();
                  for (int k = 0; k < keyCount; k++) {
                    String key = "race/key-" + k;
                    if (store.putIfAbsent(key, mine)) {
                      Integer previous = winners.putIfAbsent(key, writer);
                      if (previous != null) {
                        problems.add(key + " won by both " + previous + " and " + writer);
                      }
                    } else {
                      // The loser must see some writer's complete content, never a partial one.
                      Optional<byte[]> seen = store.get(key);
                      if (seen.isEmpty() || !isSomeWritersContent(seen.get(), threads)) {
                        problems.add(key + " read back by loser " + writer + " is not complete");
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(problems).isEmpty();
    assertThat(winners).hasSize(keyCount);
    for (Map.Entry<String, Integer> winner : winners.entrySet()) {
      assertThat(store.get(winner.getKey()).orElseThrow())
          .as("content of %s", winner.getKey())
          .isEqualTo(writerContent(winner.getValue()));
    }
    assertThat(store.list("race/")).hasSize(keyCount);
  }

  private static boolean isSomeWritersContent(byte[] content, int writers) {
    for (int w = 0; w < writers; w++) {
      if (Arrays.equals(content, writerContent(w))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void concurrentReadersNeverSeeATornPut() throws Exception {
    int size = 256 * 1024;
    int versions = 60;
    store.put("torn/k", uniform((byte) 0, size));
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger reads = new AtomicInteger();
    List<String> problems = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(
            pool.submit(
                () -> {
                  while (writing.get() || reads.get() < 10) {
                    byte[] seen = store.get("torn/k").orElse(null);
                    reads.incrementAndGet();
                    if (seen == null || seen.length != size || !isUniform(seen)) {
                      problems.add("torn read of length " + (seen == null ? -1 : seen.length));
                      return;
                    }
                  }
                }));
      }
      Future<?> writer =
          pool.submit(
              () -> {
                try {
                  for (int v = 1; v <= versions; v++) {
                    store.put("torn/k", uniform((byte) v, size));
                  }
                } finally {
                  writing.set(false);
                }
              });
      writer.get(120, TimeUnit.SECONDS);
      for (Future<?> reader : readers) {
        reader.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(problems).isEmpty();
    assertThat(store.get("torn/k").orElseThrow()).isEqualTo(uniform((byte) versions, size));
  }

  @Test
  void writesDeletesAndListsInOneDirectoryDoNotTripOverEachOther() throws Exception {
    int writers = 4;
    int rounds = 300;
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < writers; t++) {
        String key = "churn/a/b/k-" + t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < rounds; i++) {
                    if (i % 2 == 0) {
                      store.put(key, bytes(key + i));
                    } else if (!store.putIfAbsent(key, bytes(key + i))) {
                      throw new AssertionError(key + " should have been absent in round " + i);
                    }
                    store.delete(key);
                  }
                  return null;
                }));
      }
      Future<?> lister =
          pool.submit(
              () -> {
                while (running.get()) {
                  store.list("churn/");
                  store.list("churn/a/b/");
                }
                return null;
              });
      try {
        for (Future<?> future : futures) {
          future.get(120, TimeUnit.SECONDS);
        }
      } finally {
        running.set(false);
      }
      lister.get(120, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.list("churn/")).isEmpty();
  }

  private static byte[] uniform(byte value, int size) {
    byte[] content = new byte[size];
    Arrays.fill(content, value);
    return content;
  }

  private static boolean isUniform(byte[] content) {
    for (byte b : content) {
      if (b != content[0]) {
        return false;
      }
    }
    return true;
  }
}
