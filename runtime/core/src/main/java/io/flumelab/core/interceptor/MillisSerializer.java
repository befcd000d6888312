package io.flumelab.core.interceptor;

import static java.time.temporal.ChronoField.DAY_OF_MONTH;
import static java.time.temporal.ChronoField.MONTH_OF_YEAR;
import static java.time.temporal.ChronoField.YEAR;

import io.flumelab.api.Context;
import io.flumelab.core.spi.RegexExtractorInterceptorSerializer;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import io.flumelab.core.spi.ValueType;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.List;

/**
 * Turns a date-time into milliseconds since the epoch, read with {@code pattern} (letters as in
 * {@link DateTimeFormatter}, which agree with Flume's for y M d H m s S Z). Fields the pattern
 * lacks default to 1970-01-01 00:00:00 and the zone, if the text has none, is the agent's, as in
 * Flume. Type {@code millis}, or Flume's
 * {@code org.apache.flume.interceptor.RegexExtractorInterceptorMillisSerializer}.
 */
public final class MillisSerializer implements RegexExtractorInterceptorSerializer {

  /** A {@link DateTimeFormatter} pattern, compiled when read, so a bad one fails configure. */
  private static final ValueType<DateTimeFormatter> DATE_TIME_PATTERN =
      new ValueType<>("date-time pattern", MillisSerializer::formatter, DateTimeFormatter::toString,
          false);

  static final Setting<DateTimeFormatter> PATTERN = Setting.of("pattern", DATE_TIME_PATTERN)
      .required("yyyy-MM-dd HH:mm:ss").doc("the date-time pattern of the extracted text");

  /** The keys this serializer reads under {@code serializers.<name>.}, besides name and type. */
  static final List<Setting<?>> SETTINGS = List.of(PATTERN);

  private DateTimeFormatter formatter;
  private ZoneId zone = ZoneId.systemDefault();

  @Override
  public void configure(Context context) {
    formatter = Settings.of(context, "millis serializer").get(PATTERN);
  }

  private static DateTimeFormatter formatter(String pattern) {
    try {
      return DateTimeFormatter.ofPattern(pattern);
    } catch (IllegalArgumentException e) {
      throw new Setting.Problem("'" + pattern + "' is not a valid date-time pattern: "
          + e.getMessage(),
          "Write a pattern such as yyyy-MM-dd HH:mm:ss; quote literal letters ('T')");
    }
  }

  /** For tests: the zone used when the text has none. */
  MillisSerializer withZone(ZoneId zone) {
    this.zone = zone;
    return this;
  }

  @Override
  public String serialize(String value) {
    TemporalAccessor parsed = formatter.parse(value);
    LocalDate date = parsed.query(TemporalQueries.localDate());
    if (date == null) {
      date = LocalDate.of(field(parsed, YEAR, 1970), field(parsed, MONTH_OF_YEAR, 1),
          field(parsed, DAY_OF_MONTH, 1));
    }
    LocalTime time = parsed.query(TemporalQueries.localTime());
    ZoneId parsedZone = parsed.query(TemporalQueries.zone());
    ZonedDateTime at = ZonedDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time,
        parsedZone == null ? zone : parsedZone);
    return Long.toString(at.toInstant().toEpochMilli());
  }

  private static int field(TemporalAccessor parsed, ChronoField field, int absent) {
    return parsed.isSupported(field) ? parsed.get(field) : absent;
  }
}
