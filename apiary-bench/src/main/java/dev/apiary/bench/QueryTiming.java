package dev.apiary.bench;

/**
 * The measurements of one query: hot medians (warm process), cold medians (a new process per
 * measurement; NaN if not measured), whether both systems returned equal results, and pruning.
 *
 * @param error null if both systems ran the query, else what failed
 */
record QueryTiming(
    String suite,
    String id,
    double[] apiaryHotMs,
    double[] duckHotMs,
    double[] apiaryColdMs,
    double[] duckColdMs,
    long rows,
    boolean equal,
    String difference,
    int cellsTotal,
    int cellsKept,
    String error) {

  double apiaryHot() {
    return Stats.median(apiaryHotMs);
  }

  double duckHot() {
    return Stats.median(duckHotMs);
  }

  double hotRatio() {
    return apiaryHot() / duckHot();
  }

  double apiaryCold() {
    return Stats.median(apiaryColdMs);
  }

  double duckCold() {
    return Stats.median(duckColdMs);
  }

  double coldRatio() {
    return apiaryCold() / duckCold();
  }

  boolean ran() {
    return error == null;
  }

  QueryTiming withCold(double[] apiaryCold, double[] duckCold, String coldError) {
    return new QueryTiming(
        suite,
        id,
        apiaryHotMs,
        duckHotMs,
        apiaryCold,
        duckCold,
        rows,
        equal,
        difference,
        cellsTotal,
        cellsKept,
        error != null ? error : coldError);
  }
}
