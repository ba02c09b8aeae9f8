package dev.apiary.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStoreTest extends ObjectStoreContractTest {
  @TempDir Path temp;

  private Path root() {
    return temp.resolve("store");
  }

  @Override
  protected ObjectStore newStore() {
    return new LocalObjectStore(root());
  }

  @Test
  void describeIsTheLocalUriOfTheAbsoluteRoot() {
    assertThat(store.describe()).isEqualTo("local://" + root().toAbsolutePath());
    assertThat(((LocalObjectStore) store).root()).isEqualTo(root().toAbsolutePath());
  }

  @Test
  void objectsAreFilesUnderTheRoot() throws IOException {
    store.put("a/b/c.json", bytes("{}"));
    assertThat(Files.readString(root().resolve("a/b/c.json"))).isEqualTo("{}");
  }

  @Test
  void noTemporaryFileRemainsAfterWritesWinsAndLosses() throws IOException {
    store.put("w/a", bytes("1"));
    store.put("w/a", bytes("2"));
    assertThat(store.putIfAbsent("w/b", bytes("3"))).isTrue();
    assertThat(store.putIfAbsent("w/b", bytes("4"))).isFalse();
    store.put("w/deep/er/c", bytes("5"));
    store.delete("w/deep/er/c");
    assertThat(temporaryFiles()).isEmpty();
    assertThat(keys(store.list(""))).containsExactly("w/a", "w/b");
  }

  @Test
  void leftoverTemporaryFilesOfAKilledWriterAreNotListed() throws IOException {
    store.put("t/k", bytes("complete"));
    Files.write(root().resolve("t/" + LocalObjectStore.TEMP_PREFIX + "dead-writer"), bytes("part"));
    Files.write(root().resolve(LocalObjectStore.TEMP_PREFIX + "at-root"), new byte[0]);
    assertThat(keys(store.list("t/"))).containsExactly("t/k");
    assertThat(keys(store.list(""))).containsExactly("t/k");
    assertThat(keys(store.list("", "t/"))).containsExactly("t/k");
  }

  @Test
  void keysUsingTheTemporaryPrefixAreRejected() {
    String key = "t/" + LocalObjectStore.TEMP_PREFIX + "x";
    String message =
        "Object key '"
            + key
            + "' has a segment starting with '.apiary-tmp-', which is reserved for temporary files";
    assertThatThrownBy(() -> store.put(key, bytes("x")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> store.putIfAbsent(key, bytes("x")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> store.get(key))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> store.list(key + "/"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Object key '"
                + key
                + "' has a segment starting with '.apiary-tmp-', which is reserved for temporary"
                + " files");
  }

  @Test
  void deletePrunesDirectoriesLeftEmptyButNotTheRoot() {
    store.put("p/q/r/k", bytes("x"));
    store.put("p/other", bytes("y"));
    store.delete("p/q/r/k");
    assertThat(root().resolve("p/q")).doesNotExist();
    assertThat(root().resolve("p/other")).exists();
    store.delete("p/other");
    assertThat(root().resolve("p")).doesNotExist();
    assertThat(root()).isDirectory();
  }

  @Test
  void aKeyThatIsADirectoryOfOtherObjectsIsNotAnObject() {
    store.put("a/b/c", bytes("x"));
    assertThat(store.get("a/b")).isEmpty();
    assertThat(store.head("a/b")).isEmpty();
    assertThatThrownBy(() -> store.getRange("a/b", 0, 1))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessage("No object 'a/b' in " + store.describe());
    store.delete("a/b");
    assertThat(store.get("a/b/c")).isPresent();
    assertThatThrownBy(() -> store.putIfAbsent("a/b", bytes("y")))
        .isInstanceOf(ObjectStoreException.class)
        .hasMessage(
            "putIfAbsent 'a/b' failed in "
                + store.describe()
                + ": objects exist under 'a/b/', and a local store cannot hold both");
    assertThatThrownBy(() -> store.put("a/b", bytes("y")))
        .isInstanceOf(ObjectStoreException.class)
        .hasMessageStartingWith("put 'a/b' failed in " + store.describe() + ": ");
    assertThat(temporaryFiles()).isEmpty();
  }

  @Test
  void aKeyBelowAnObjectCannotBeWritten() {
    store.put("a/b", bytes("x"));
    assertThat(store.get("a/b/c")).isEmpty();
    assertThat(store.head("a/b/c")).isEmpty();
    assertThat(store.list("a/b/")).isEmpty();
    store.delete("a/b/c");
    assertThatThrownBy(() -> store.put("a/b/c", bytes("y")))
        .isInstanceOf(ObjectStoreException.class)
        .hasMessageStartingWith("put 'a/b/c' failed in " + store.describe() + ": ");
    assertThat(store.get("a/b").orElseThrow()).isEqualTo(bytes("x"));
  }

  @Test
  void relativeRootsAreMadeAbsoluteAndNormal() {
    Path relative = Path.of("").toAbsolutePath().relativize(temp.resolve("x/../relative"));
    LocalObjectStore store = new LocalObjectStore(relative);
    assertThat(relative.isAbsolute()).isFalse();
    assertThat(store.root()).isEqualTo(temp.resolve("relative").toAbsolutePath());
    assertThat(store.describe()).isEqualTo("local://" + temp.resolve("relative").toAbsolutePath());
  }

  /**
   * A sibling directory nested deeper than PATH_MAX makes any walk that enters it fail (Java opens
   * directories by full path), even as root: so listing a prefix must never walk its siblings.
   */
  @Test
  void listWalksOnlyTheDirectoryNamedByThePrefix() throws IOException {
    store.put("data/x/1", bytes("1"));
    store.put("data/2", bytes("2"));
    store.put("datab/ok", bytes("3"));
    Path trap = buildTooDeepDirectory(root().resolve("datab"), "trap");
    try {
      assertThatThrownBy(() -> store.list(""))
          .as("the trap must break a walk of the whole store")
          .isInstanceOf(ObjectStoreException.class)
          .hasMessageStartingWith("list '' failed in " + store.describe() + ": ");
      assertThat(keys(store.list("data/"))).containsExactly("data/2", "data/x/1");
      assertThat(keys(store.list("data/x/"))).containsExactly("data/x/1");
    } finally {
      dismantle(trap);
    }
  }

  private static Path buildTooDeepDirectory(Path parent, String name) throws IOException {
    String segment = "d".repeat(200);
    Path chain = parent.resolve(name);
    Files.createDirectories(chain);
    Path next = parent.resolve(name + "-next");
    for (int depth = 0; depth < 25; depth++) {
      // Renames keep every path short, however deep the moved directory already is.
      Files.createDirectory(next);
      Files.move(chain, next.resolve(segment));
      Files.move(next, chain);
    }
    return chain;
  }

  private static void dismantle(Path chain) throws IOException {
    Path loose = chain.resolveSibling(chain.getFileName() + "-loose");
    while (true) {
      List<Path> children;
      try (Stream<Path> list = Files.list(chain)) {
        children = list.toList();
      }
      if (children.isEmpty()) {
        Files.delete(chain);
        return;
      }
      Files.move(children.get(0), loose);
      Files.delete(chain);
      Files.move(loose, chain);
    }
  }

  private List<Path> temporaryFiles() {
    try (Stream<Path> files = Files.walk(root())) {
      return files
          .filter(p -> p.getFileName().toString().startsWith(LocalObjectStore.TEMP_PREFIX))
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- real OS processes ----

  @Test
  @Timeout(120)
  void exactlyOneOfTwoRacingProcessesWinsEachKey() throws Exception {
    int keyCount = 200;
    List<Process> processes = new ArrayList<>();
    try {
      for (int writer = 0; writer < 2; writer++) {
        processes.add(
            child("race", root().toString(), String.valueOf(writer), String.valueOf(keyCount)));
      }
      List<BufferedReader> outputs = new ArrayList<>();
      for (Process process : processes) {
        BufferedReader output = reader(process);
        assertThat(output.readLine()).isEqualTo("READY");
        outputs.add(output);
      }
      for (Process process : processes) {
        OutputStream go = process.getOutputStream();
        go.write(bytes("GO\n"));
        go.flush();
      }
      List<Set<String>> won = new ArrayList<>();
      for (int writer = 0; writer < 2; writer++) {
        Set<String> keys = new HashSet<>();
        List<String> lines = new ArrayList<>();
        for (String line = outputs.get(writer).readLine();
            line != null;
            line = outputs.get(writer).readLine()) {
          lines.add(line);
          if (line.startsWith("WON ")) {
            keys.add(line.substring(4));
          }
        }
        assertThat(processes.get(writer).waitFor()).as("exit code, output %s", lines).isZero();
        assertThat(lines).last().isEqualTo("DONE");
        won.add(keys);
      }
      Set<String> wonByBoth = new HashSet<>(won.get(0));
      wonByBoth.retainAll(won.get(1));
      assertThat(wonByBoth).as("keys won by both processes").isEmpty();
      assertThat(won.get(0).size() + won.get(1).size()).isEqualTo(keyCount);
      for (int writer = 0; writer < 2; writer++) {
        for (String key : won.get(writer)) {
          assertThat(store.get(key).orElseThrow())
              .as("content of %s", key)
              .isEqualTo(LocalStoreChildProcess.raceContent(writer));
        }
      }
      assertThat(store.list("race/")).hasSize(keyCount);
      assertThat(temporaryFiles()).isEmpty();
    } finally {
      processes.forEach(Process::destroyForcibly);
    }
  }

  @Test
  @Timeout(120)
  void aWriterKilledAtAnyPointLeavesOnlyCompleteObjects() throws Exception {
    Random random = new Random(20240506);
    for (int round = 0; round < 4; round++) {
      Process process = child("crash", root().toString(), String.valueOf(round));
      try {
        BufferedReader output = reader(process);
        assertThat(output.readLine()).as("child output in round %s", round).isEqualTo("READY");
        Thread.sleep(50 + random.nextInt(400));
      } finally {
        process.destroyForcibly();
        process.waitFor();
      }
    }
    List<ObjectInfo> objects = store.list("crash/");
    assertThat(objects).hasSizeGreaterThanOrEqualTo(4);
    for (ObjectInfo object : objects) {
      assertThat(object.key()).doesNotContain(LocalObjectStore.TEMP_PREFIX);
      byte[] content = store.get(object.key()).orElseThrow();
      assertThat(LocalStoreChildProcess.isIntact(content))
          .as("%s (%s bytes) is complete", object.key(), content.length)
          .isTrue();
    }
  }

  private static Process child(String... args) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            java,
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            classpath,
            LocalStoreChildProcess.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static BufferedReader reader(Process process) {
    return new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
  }
}
