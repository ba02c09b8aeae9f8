package dev.apiary.catalog;

import static dev.apiary.catalog.CatalogFixtures.open;
import static dev.apiary.catalog.CatalogFixtures.orders;
import static dev.apiary.catalog.CatalogFixtures.schema;
import static dev.apiary.catalog.CatalogFixtures.stateKeys;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import dev.apiary.storage.MemoryObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Many writers (threads, each with its own catalog instance, as separate nodes would be). */
class CatalogConcurrencyTest {
  private static final int THREADS = 8;
  private final MemoryObjectStore memory = new MemoryObjectStore();

  @Test
  void writersCreatingDistinctHivesAllSucceedWithContiguousVersions() throws Exception {
    List<Outcome<Boolean>> outcomes = race(i -> open(memory).createHive("hive_" + i));

    assertThat(outcomes).allSatisfy(o -> assertThat(o.value()).isTrue());
    Catalog catalog = open(memory);
    assertThat(catalog.listHives())
        .containsExactlyElementsOf(
            concat("default", IntStream.range(0, THREADS).mapToObj(i -> "hive_" + i).toList()));
    assertThat(catalog.version()).isEqualTo(THREADS);
    assertThat(stateKeys(memory))
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, THREADS)
                .mapToObj(v -> String.format("_registry/state_%06d.json", v))
                .toList());
  }

  @Test
  void threadsOfOneInstanceCreatingDistinctHivesAllSucceed() throws Exception {
    Catalog shared = open(memory);
    race(i -> shared.createHive("hive_" + i));

    assertThat(shared.listHives()).hasSize(THREADS + 1);
    assertThat(shared.version()).isEqualTo(THREADS);
  }

  @Test
  void writersCreatingTheSameFrameWriteExactlyOneVersion() throws Exception {
    List<Outcome<FrameEntry>> outcomes =
        race(i -> open(memory).createFrame("default", "default", "orders", orders()));

    FrameEntry winner = outcomes.get(0).value();
    assertThat(outcomes).allSatisfy(o -> assertThat(o.value()).isEqualTo(winner));
    assertThat(open(memory).version()).isEqualTo(1);
    assertThat(stateKeys(memory)).hasSize(1);
  }

  @Test
  void writersCreatingConflictingFramesLetExactlyOneWin() throws Exception {
    List<Outcome<FrameEntry>> outcomes =
        race(
            i ->
                open(memory)
                    .createFrame(
                        "default",
                        "default",
                        "orders",
                        new FrameDefinition(
                            schema("id", "int64", "v" + i, "string"), List.of(), Map.of())));

    List<FrameEntry> winners =
        outcomes.stream().filter(o -> o.error() == null).map(Outcome::value).toList();
    assertThat(winners).hasSize(1);
    assertThat(outcomes.stream().filter(o -> o.error() != null))
        .hasSize(THREADS - 1)
        .allSatisfy(
            o -> {
              assertThat(o.error()).isInstanceOf(ApiaryException.class);
              assertThat(((ApiaryException) o.error()).category()).isEqualTo(ErrorCategory.USER);
              assertThat(o.error())
                  .hasMessageStartingWith(
                      "Frame 'default.default.orders' already exists with a different definition.");
            });
    assertThat(open(memory).frame("default", "default", "orders")).isEqualTo(winners.get(0));
    assertThat(stateKeys(memory)).hasSize(1);
  }

  private record Outcome<T>(T value, Throwable error) {}

  /** Runs one task per thread, all released at once; collects values and errors by thread. */
  private static <T> List<Outcome<T>> race(IntFunction<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        int index = i;
        Callable<T> call =
            () -> {
              start.await();
              return task.apply(index);
            };
        futures.add(pool.submit(call));
      }
      List<Outcome<T>> outcomes = new ArrayList<>();
      for (Future<T> future : futures) {
        try {
          outcomes.add(new Outcome<>(future.get(30, TimeUnit.SECONDS), null));
        } catch (ExecutionException e) {
          outcomes.add(new Outcome<>(null, e.getCause()));
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> result = new ArrayList<>();
    result.add(first);
    result.addAll(rest);
    return result;
  }
}
