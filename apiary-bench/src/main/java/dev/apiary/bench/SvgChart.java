package dev.apiary.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A bar chart of the hot (and, if measured, cold) ratio Apiary/DuckDB per query, on a log scale
 * around 1 so that "twice as slow" and "twice as fast" are bars of equal length.
 */
final class SvgChart {
  private static final int LEFT = 120;
  private static final int BAR = 9;
  private static final int ROW = 24;
  private static final int PLOT = 520;
  private static final double MAX_LOG2 = 3; // 1/8x .. 8x

  private SvgChart() {}

  static void write(BenchReport report, Path file) throws IOException {
    Files.writeString(file, render(report), StandardCharsets.UTF_8);
  }

  static String render(BenchReport report) {
    List<QueryTiming> queries = report.queries();
    int top = 50;
    int height = top + queries.size() * ROW + 50;
    int width = LEFT + PLOT + 90;
    double center = LEFT + PLOT / 2.0;
    StringBuilder svg = new StringBuilder();
    svg.append(
        f(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" font-family=\"sans-serif\" font-size=\"11\">\n",
            width, height, width, height));
    svg.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", width, height));
    svg.append(
        f(
            "<text x=\"%d\" y=\"18\" font-size=\"14\" font-weight=\"bold\">Apiary / DuckDB time"
                + " per query, SF %s (log scale; left of 1 = Apiary faster)</text>\n",
            10, MarkdownReport.fmt(report.options().scale())));
    svg.append(
        f(
            "<rect x=\"%d\" y=\"28\" width=\"10\" height=\"8\" fill=\"#3b7dd8\"/><text x=\"%d\""
                + " y=\"36\">hot</text>\n",
            LEFT, LEFT + 14));
    svg.append(
        f(
            "<rect x=\"%d\" y=\"28\" width=\"10\" height=\"8\" fill=\"#e8912d\"/><text x=\"%d\""
                + " y=\"36\">cold</text>\n",
            LEFT + 50, LEFT + 64));
    for (int k = (int) -MAX_LOG2; k <= MAX_LOG2; k++) {
      double x = center + k * (PLOT / 2.0) / MAX_LOG2;
      svg.append(
          f(
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>\n",
              x, top - 4, x, height - 40, k == 0 ? "#333" : "#ddd"));
      String label = k >= 0 ? f("%dx", 1 << k) : f("1/%dx", 1 << -k);
      svg.append(
          f(
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>\n",
              x, height - 26, label));
    }
    int y = top;
    for (QueryTiming q : queries) {
      svg.append(
          f(
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s %s</text>\n",
              LEFT - 6, y + 13, q.suite(), q.id()));
      if (!q.ran()) {
        svg.append(
            f("<text x=\"%.1f\" y=\"%d\" fill=\"#c00\">failed</text>\n", center + 4, y + 13));
      } else {
        bar(svg, center, y + 2, q.hotRatio(), "#3b7dd8");
        if (q.apiaryColdMs().length > 0) {
          bar(svg, center, y + 2 + BAR + 1, q.coldRatio(), "#e8912d");
        }
      }
      y += ROW;
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void bar(StringBuilder svg, double center, int y, double ratio, String color) {
    if (!(ratio > 0) || !Double.isFinite(ratio)) {
      return;
    }
    double log2 = Math.max(-MAX_LOG2, Math.min(MAX_LOG2, Math.log(ratio) / Math.log(2)));
    double length = Math.abs(log2) * (PLOT / 2.0) / MAX_LOG2;
    double x = log2 >= 0 ? center : center - length;
    svg.append(
        f(
            "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%.2f</title>"
                + "</rect>\n",
            x, y, Math.max(length, 1), BAR, color, ratio));
    double labelX = log2 >= 0 ? center + length + 3 : center + 3;
    svg.append(f("<text x=\"%.1f\" y=\"%d\" font-size=\"9\">%.2f</text>\n", labelX, y + 8, ratio));
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
