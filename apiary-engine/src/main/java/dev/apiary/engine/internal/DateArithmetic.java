package dev.apiary.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Folds a date or timestamp constant plus or minus an interval literal, as TPC-H writes its date
 * ranges ({@code DATE '1994-01-01' + INTERVAL '1' YEAR}), into the constant the engine computes, so
 * that cells can be pruned on such bounds. The engine's parser turns the interval into {@code
 * to_years(CAST(trunc(CAST('1' AS DOUBLE)) AS INTEGER))} and the like; only whole units of years,
 * months, weeks and days (and, on timestamps, hours, minutes and seconds) are folded, and months
 * are added as the engine does (Jan 31 + 1 month = Feb 28). Anything else is left unfolded, which
 * only means the cell is kept.
 */
final class DateArithmetic {
  private DateArithmetic() {}

  /**
   * @param node a {@code +} or {@code -} of a base constant and an interval
   * @param base parses the base constant (a date or a timestamp literal)
   * @return the folded value, a {@link LocalDate} or an {@link Instant} like the base
   */
  static Optional<Object> fold(
      JsonNode node, java.util.function.Function<JsonNode, Optional<Object>> base) {
    String operator = node.path("function_name").asText();
    JsonNode arguments = node.path("arguments");
    if (!node.path("type").asText().equals("FUNCTION")
        || !node.path("is_operator").asBoolean(false)
        || !(operator.equals("+") || operator.equals("-"))
        || arguments.size() != 2) {
      return Optional.empty();
    }
    Optional<Object> start = base.apply(arguments.get(0).path("expression"));
    JsonNode interval = arguments.get(1).path("expression");
    if (start.isEmpty() || !interval.path("type").asText().equals("FUNCTION")) {
      return Optional.empty();
    }
    String unit = interval.path("function_name").asText();
    JsonNode amountNode = interval.path("arguments");
    if (amountNode.size() != 1) {
      return Optional.empty();
    }
    Optional<Long> amount = wholeNumber(amountNode.get(0).path("expression"));
    if (amount.isEmpty()) {
      return Optional.empty();
    }
    long signed = operator.equals("+") ? amount.get() : -amount.get();
    try {
      if (start.get() instanceof LocalDate date) {
        return plus(date, unit, signed).map(d -> (Object) d);
      }
      if (start.get() instanceof Instant instant) {
        Optional<LocalDate> sameDay =
            plus(instant.atZone(ZoneOffset.UTC).toLocalDate(), unit, signed);
        if (sameDay.isPresent()) {
          long days =
              ChronoUnit.DAYS.between(instant.atZone(ZoneOffset.UTC).toLocalDate(), sameDay.get());
          return Optional.of(instant.plus(days, ChronoUnit.DAYS));
        }
        return switch (unit) {
          case "to_hours" -> Optional.of(instant.plus(signed, ChronoUnit.HOURS));
          case "to_minutes" -> Optional.of(instant.plus(signed, ChronoUnit.MINUTES));
          case "to_seconds" -> Optional.of(instant.plus(signed, ChronoUnit.SECONDS));
          default -> Optional.empty();
        };
      }
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Optional<LocalDate> plus(LocalDate date, String unit, long amount) {
    return switch (unit) {
      case "to_years" -> Optional.of(date.plusYears(amount));
      case "to_months" -> Optional.of(date.plusMonths(amount));
      case "to_weeks" -> Optional.of(date.plusWeeks(amount));
      case "to_days" -> Optional.of(date.plusDays(amount));
      default -> Optional.empty();
    };
  }

  /** A whole number: a numeric or string literal, through casts and {@code trunc}. */
  private static Optional<Long> wholeNumber(JsonNode node) {
    Optional<BigDecimal> value = number(node);
    if (value.isEmpty() || value.get().stripTrailingZeros().scale() > 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(value.get().longValueExact());
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
  }

  private static Optional<BigDecimal> number(JsonNode node) {
    String type = node.path("type").asText();
    if (type.equals("OPERATOR_CAST")) {
      return number(node.path("child"));
    }
    if (type.equals("FUNCTION")
        && node.path("function_name").asText().equals("trunc")
        && node.path("arguments").size() == 1) {
      return number(node.path("arguments").get(0).path("expression"))
          .map(n -> n.setScale(0, RoundingMode.DOWN));
    }
    if (type.equals("VALUE_CONSTANT")) {
      String kind = node.path("literal").path("kind").asText();
      String text = node.path("literal").path("text").asText(null);
      if (text != null
          && (kind.equals("INTEGER") || kind.equals("NUMERIC") || kind.equals("STRING"))) {
        try {
          return Optional.of(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
