package dev.apiary.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the {@code ./apiary} launcher runs once after each build, with {@code
 * -XX:ArchiveClassesAtExit}, so that later commands start from a class-data archive of the classes
 * a command needs (about a third less start-up): a small CSV loaded into a partitioned frame in a
 * scratch store, a query over it and a description of it, in one JVM. Set {@code APIARY_HOME} to a
 * scratch directory too, so the node's own files stay out of the user's.
 *
 * <p>Usage: {@code ClassArchiveWarmUp SCRATCH_DIRECTORY}; exits 0 if every command succeeded.
 */
public final class ClassArchiveWarmUp {
  private ClassArchiveWarmUp() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("Usage: ClassArchiveWarmUp SCRATCH_DIRECTORY");
      System.exit(ExitCodes.USER_ERROR);
    }
    Path scratch = Path.of(args[0]);
    Files.createDirectories(scratch);
    Path csv = scratch.resolve("warm-up.csv");
    Files.writeString(
        csv,
        "id,day,name,amount\n1,2024-01-01,ant,1.5\n2,2024-01-02,bee,2.5\n",
        StandardCharsets.UTF_8);
    String storage = scratch.resolve("store").toString();
    int code =
        Main.run(
            new String[] {
              "load",
              csv.toString(),
              "--into",
              "warm.up.frame",
              "--create",
              "--partition-by",
              "day",
              "--storage",
              storage
            });
    if (code == 0) {
      code =
          Main.run(
              new String[] {
                "sql",
                "SELECT day, count(*), sum(amount) FROM warm.up.frame GROUP BY day ORDER BY day",
                "--storage",
                storage
              });
    }
    if (code == 0) {
      code = Main.run(new String[] {"describe", "warm.up.frame", "--storage", storage});
    }
    System.exit(code);
  }
}
