package dev.apiary.datagen.words;

import dev.apiary.datagen.rows.RowWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Comment text as TPC-H makes it: a pool of pseudo-English sentences built from the spec's grammar
 * and word lists, from which each comment is a random slice. The pool is built once per JVM from a
 * fixed seed, so it is the same everywhere; it is 1 MiB rather than dbgen's 300 MB, which only
 * makes comments repeat sooner.
 */
public final class TextPool {
  private static final int SIZE = 1 << 20;
  private static final long POOL_SEED = 0x7e47_9001L;

  private static final List<String> NOUNS =
      List.of(
          "foxes",
          "ideas",
          "theodolites",
          "pinto beans",
          "instructions",
          "dependencies",
          "excuses",
          "platelets",
          "asymptotes",
          "courts",
          "dolphins",
          "multipliers",
          "sauternes",
          "warthogs",
          "frets",
          "dinos",
          "attainments",
          "somas",
          "Tiresias",
          "patterns",
          "forges",
          "braids",
          "hockey players",
          "frays",
          "warhorses",
          "dugouts",
          "notornis",
          "epitaphs",
          "pearls",
          "tithes",
          "waters",
          "orbits",
          "gifts",
          "sheaves",
          "depths",
          "sentiments",
          "decoys",
          "realms",
          "pains",
          "grouches",
          "escapades",
          "packages",
          "requests",
          "accounts",
          "deposits");
  private static final List<String> VERBS =
      List.of(
          "sleep",
          "wake",
          "are",
          "cajole",
          "haggle",
          "nag",
          "use",
          "boost",
          "affix",
          "detect",
          "integrate",
          "maintain",
          "nod",
          "was",
          "lose",
          "sublate",
          "solve",
          "thrash",
          "promise",
          "engage",
          "hinder",
          "print",
          "x-ray",
          "breach",
          "eat",
          "grow",
          "impress",
          "mold",
          "poach",
          "serve",
          "run",
          "dazzle",
          "snooze",
          "doze",
          "unwind",
          "kindle",
          "play",
          "hang",
          "believe",
          "doubt");
  private static final List<String> ADJECTIVES =
      List.of(
          "furious",
          "sly",
          "careful",
          "blithe",
          "quick",
          "fluffy",
          "slow",
          "quiet",
          "ruthless",
          "thin",
          "close",
          "dogged",
          "daring",
          "brave",
          "stealthy",
          "permanent",
          "enticing",
          "idle",
          "busy",
          "regular",
          "final",
          "ironic",
          "even",
          "bold",
          "silent",
          "special",
          "express",
          "pending",
          "unusual");
  private static final List<String> ADVERBS =
      List.of(
          "sometimes",
          "always",
          "never",
          "furiously",
          "slyly",
          "carefully",
          "blithely",
          "quickly",
          "fluffily",
          "slowly",
          "quietly",
          "ruthlessly",
          "thinly",
          "closely",
          "doggedly",
          "daringly",
          "bravely",
          "stealthily",
          "permanently",
          "enticingly",
          "idly",
          "busily",
          "regularly",
          "finally",
          "ironically",
          "evenly",
          "boldly",
          "silently");
  private static final List<String> PREPOSITIONS =
      List.of(
          "about",
          "above",
          "according to",
          "across",
          "after",
          "against",
          "along",
          "alongside of",
          "among",
          "around",
          "at",
          "atop",
          "before",
          "behind",
          "beneath",
          "beside",
          "besides",
          "between",
          "beyond",
          "by",
          "despite",
          "during",
          "except",
          "for",
          "from",
          "in place of",
          "inside",
          "instead of",
          "into",
          "near",
          "of",
          "on",
          "outside",
          "over",
          "past",
          "since",
          "through",
          "throughout",
          "to",
          "toward",
          "under",
          "until",
          "up",
          "upon",
          "without",
          "with",
          "within");
  private static final List<String> AUXILIARIES =
      List.of(
          "do",
          "may",
          "might",
          "shall",
          "will",
          "would",
          "can",
          "could",
          "should",
          "ought to",
          "must",
          "will have to",
          "shall have to",
          "could have to",
          "should have to",
          "must have to",
          "need to",
          "try to");
  private static final List<String> TERMINATORS = List.of(".", ";", ":", "?", "!", "--");

  private static final byte[] POOL = build();

  private TextPool() {}

  /**
   * Writes a comment of {@code minLength..maxLength} characters (uniform) at {@code row} of a
   * {@code string} column.
   */
  public static void write(
      SplittableRandom random, int minLength, int maxLength, RowWriter out, int column, int row) {
    int length = random.nextInt(minLength, maxLength + 1);
    int start = random.nextInt(SIZE - length);
    out.string(column, row, POOL, start, length);
  }

  /** A comment of {@code minLength..maxLength} characters, for values built around a comment. */
  public static String text(SplittableRandom random, int minLength, int maxLength) {
    int length = random.nextInt(minLength, maxLength + 1);
    int start = random.nextInt(SIZE - length);
    return new String(POOL, start, length, StandardCharsets.US_ASCII);
  }

  private static byte[] build() {
    SplittableRandom random = new SplittableRandom(POOL_SEED);
    StringBuilder text = new StringBuilder(SIZE + 200);
    while (text.length() < SIZE) {
      sentence(random, text);
    }
    return text.substring(0, SIZE).getBytes(StandardCharsets.US_ASCII);
  }

  private static void sentence(SplittableRandom random, StringBuilder text) {
    switch (random.nextInt(5)) {
      case 0 -> {
        nounPhrase(random, text);
        verbPhrase(random, text);
      }
      case 1 -> {
        nounPhrase(random, text);
        verbPhrase(random, text);
        prepositionalPhrase(random, text);
      }
      case 2 -> {
        nounPhrase(random, text);
        verbPhrase(random, text);
        nounPhrase(random, text);
      }
      case 3 -> {
        nounPhrase(random, text);
        prepositionalPhrase(random, text);
        verbPhrase(random, text);
        nounPhrase(random, text);
      }
      default -> {
        nounPhrase(random, text);
        prepositionalPhrase(random, text);
        verbPhrase(random, text);
        prepositionalPhrase(random, text);
      }
    }
    text.setLength(text.length() - 1);
    text.append(pick(random, TERMINATORS)).append(' ');
  }

  private static void nounPhrase(SplittableRandom random, StringBuilder text) {
    switch (random.nextInt(4)) {
      case 0 -> word(text, pick(random, NOUNS));
      case 1 -> {
        word(text, pick(random, ADJECTIVES));
        word(text, pick(random, NOUNS));
      }
      case 2 -> {
        text.append(pick(random, ADJECTIVES)).append(", ");
        word(text, pick(random, ADJECTIVES));
        word(text, pick(random, NOUNS));
      }
      default -> {
        word(text, pick(random, ADVERBS));
        word(text, pick(random, ADJECTIVES));
        word(text, pick(random, NOUNS));
      }
    }
  }

  private static void verbPhrase(SplittableRandom random, StringBuilder text) {
    switch (random.nextInt(4)) {
      case 0 -> word(text, pick(random, VERBS));
      case 1 -> {
        word(text, pick(random, AUXILIARIES));
        word(text, pick(random, VERBS));
      }
      case 2 -> {
        word(text, pick(random, VERBS));
        word(text, pick(random, ADVERBS));
      }
      default -> {
        word(text, pick(random, AUXILIARIES));
        word(text, pick(random, VERBS));
        word(text, pick(random, ADVERBS));
      }
    }
  }

  private static void prepositionalPhrase(SplittableRandom random, StringBuilder text) {
    word(text, pick(random, PREPOSITIONS));
    word(text, "the");
    nounPhrase(random, text);
  }

  private static void word(StringBuilder text, String word) {
    text.append(word).append(' ');
  }

  private static String pick(SplittableRandom random, List<String> words) {
    return words.get(random.nextInt(words.size()));
  }
}
