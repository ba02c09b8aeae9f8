package dev.apiary.datagen;

import java.util.Objects;

/**
 * One standard benchmark query with its validation substitution parameters, in DuckDB SQL that
 * references the benchmark's tables by their bare names. Its ORDER BY is total, so its result is
 * deterministic row by row.
 *
 * @param suite {@code ssb} or {@code tpch}
 * @param id the query's standard name, e.g. {@code Q1.1} (SSB) or {@code Q01} (TPC-H)
 * @param sql one SELECT statement, without a trailing semicolon
 */
public record BenchmarkQuery(String suite, String id, String sql) {
  public BenchmarkQuery {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sql, "sql");
    if (sql.isBlank()) {
      throw new IllegalArgumentException("Query " + suite + " " + id + " has no SQL");
    }
  }
}
