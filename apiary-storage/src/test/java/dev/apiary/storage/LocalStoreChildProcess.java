package dev.apiary.storage;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * A separate JVM that writes to a {@link LocalObjectStore}, for tests that need real OS processes.
 *
 * <ul>
 *   <li>{@code race <root> <writer> <keys>}: prints {@code READY}, waits for a line on stdin, then
 *       calls {@code putIfAbsent} on {@code race/key-0..keys-1} (in an order of its own) with
 *       {@link #raceContent}, prints {@code WON <key>} for each win and {@code DONE}.
 *   <li>{@code crash <root> <seed>}: writes {@link #selfChecking} objects of 1-4 MB forever, by
 *       {@code putIfAbsent} to new keys and {@code put} over a few shared keys, printing {@code
 *       READY} after the first; the parent kills it.
 * </ul>
 */
public final class LocalStoreChildProcess {
  private static final int HEADER = Integer.BYTES;
  private static final int TRAILER = Long.BYTES;

  private LocalStoreChildProcess() {}

  public static void main(String[] args) throws IOException {
    LocalObjectStore store = new LocalObjectStore(Path.of(args[1]));
    switch (args[0]) {
      case "race" -> race(store, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      case "crash" -> crash(store, Long.parseLong(args[2]));
      default -> throw new IllegalArgumentException("Unknown mode " + args[0]);
    }
  }

  /** What racing writer {@code writer} writes: its id repeated to a few KB, unique per writer. */
  static byte[] raceContent(int writer) {
    String unit = "process-" + writer + ";";
    return unit.repeat((3000 + writer * 131) / unit.length()).getBytes(UTF_8);
  }

  private static void race(LocalObjectStore store, int writer, int keys) throws IOException {
    System.out.println("READY");
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, UTF_8)).readLine();
    byte[] content = raceContent(writer);
    // In one shared order the first process to start would win every key; shuffled orders make
    // the processes collide all over the key range.
    List<String> order = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      order.add("race/key-" + k);
    }
    Collections.shuffle(order, new Random(writer));
    List<String> won = new ArrayList<>();
    for (String key : order) {
      if (store.putIfAbsent(key, content)) {
        won.add(key);
      }
    }
    for (String key : won) {
      System.out.println("WON " + key);
    }
    System.out.println("DONE");
    System.out.flush();
  }

  private static void crash(LocalObjectStore store, long seed) {
    // Prepared up front so the loop spends its time writing, where the parent's kill should land.
    Random random = new Random(seed);
    List<byte[]> contents = new ArrayList<>();
    for (int size : new int[] {1_000_000, 2_500_000, 4_000_000}) {
      contents.add(selfChecking(random, size + random.nextInt(1000)));
    }
    for (long i = 0; ; i++) {
      byte[] content = contents.get((int) (i % contents.size()));
      if (i % 2 == 0) {
        store.putIfAbsent("crash/created-" + seed + "-" + i, content);
      } else {
        store.put("crash/shared-" + (i % 3), content);
      }
      if (i == 0) {
        System.out.println("READY");
        System.out.flush();
      }
    }
  }

  /**
   * Random bytes framed by their length and a CRC32, so a reader can tell complete from partial.
   */
  static byte[] selfChecking(Random random, int payloadSize) {
    byte[] payload = new byte[payloadSize];
    random.nextBytes(payload);
    CRC32 crc = new CRC32();
    crc.update(payload);
    return ByteBuffer.allocate(HEADER + payloadSize + TRAILER)
        .putInt(payloadSize)
        .put(payload)
        .putLong(crc.getValue())
        .array();
  }

  /** Whether {@code content} is one whole {@link #selfChecking} object. */
  static boolean isIntact(byte[] content) {
    if (content.length < HEADER + TRAILER) {
      return false;
    }
    ByteBuffer buffer = ByteBuffer.wrap(content);
    int payloadSize = buffer.getInt();
    if (payloadSize != content.length - HEADER - TRAILER) {
      return false;
    }
    CRC32 crc = new CRC32();
    crc.update(content, HEADER, payloadSize);
    return buffer.getLong(HEADER + payloadSize) == crc.getValue();
  }
}
