package io.flumelab.hdfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flumelab.api.ConfigurationException;
import io.flumelab.hdfs.PathEscapes.LocalHost;
import io.flumelab.hdfs.PathEscapes.Rounding;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.SimpleDateFormat;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathEscapesTest {

  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
  private static final TimeZone SHANGHAI = TimeZone.getTimeZone("Asia/Shanghai");
  private static final LocalHost NO_HOST = () -> {
    throw new AssertionError("the pattern has no host escape: nothing to resolve");
  };

  /** 2005-03-03 23:05:25.123 in Shanghai, a Thursday: the user guide's %c example. */
  private static final long EVENING = millis("2005-03-03T23:05:25.123", SHANGHAI);
  /** The same day at 07:05:25 in Shanghai, for the unpadded and 12-hour fields. */
  private static final long MORNING = millis("2005-03-03T07:05:25.123", SHANGHAI);

  // --- the documented examples

  @Test
  void userGuideExampleRoundsDownToTenMinutes() {
    PathEscapes path = compile("/flume/events/%Y-%m-%d/%H%M/%S",
        new Rounding(true, 10, TimeUnit.MINUTES), UTC, false);

    assertThat(path.format(stamped(millis("2012-06-12T11:54:34", UTC)), 0))
        .isEqualTo("/flume/events/2012-06-12/1150/00");
  }

  @Test
  void coursePathBucketsByTheLocalClockPerHour() {
    PathEscapes path = compile("hdfs://hadoop102:9000/flume/%Y%m%d/%H",
        new Rounding(true, 1, TimeUnit.HOURS), SHANGHAI, true);
    long now = millis("2012-06-12T11:54:34.999", SHANGHAI);

    assertThat(path.needsTimestamp()).isTrue();
    assertThat(path.format(Map.of(), now)).isEqualTo("hdfs://hadoop102:9000/flume/20120612/11");
  }

  // --- every escape, at a fixed time, zone and locale

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "%a | Thu",
      "%A | Thursday",
      "%b | Mar",
      "%B | March",
      "%c | Thu Mar 3 23:05:25 2005",
      "%d | 03",
      "%e | 3",
      "%D | 03/03/05",
      "%H | 23",
      "%I | 11",
      "%j | 062",
      "%k | 23",
      "%l | 11",
      "%m | 03",
      "%n | 3",
      "%M | 05",
      "%p | PM",
      "%s | 1109862325",
      "%S | 25",
      "%t | 1109862325123",
      "%y | 05",
      "%Y | 2005",
      "%z | +0800",
  })
  void eachTimeEscapeInTheEvening(String escape, String expected) {
    assertThat(formatAt(escape, EVENING)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "%H | 07",
      "%I | 07",
      "%k | 7",
      "%l | 7",
      "%p | AM",
  })
  void hourEscapesInTheMorning(String escape, String expected) {
    assertThat(formatAt(escape, MORNING)).isEqualTo(expected);
  }

  @Test
  void fieldsAreShownInTheConfiguredZone() {
    long instant = millis("2012-06-12T20:30:00", UTC);
    String pattern = "%Y%m%d-%H%M %z";

    assertThat(compile(pattern, Rounding.NONE, UTC, false).format(stamped(instant), 0))
        .isEqualTo("20120612-2030 +0000");
    assertThat(compile(pattern, Rounding.NONE, SHANGHAI, false).format(stamped(instant), 0))
        .isEqualTo("20120613-0430 +0800");
  }

  @Test
  void noZoneMeansTheJvmZone() {
    long instant = millis("2012-06-12T20:30:00", UTC);

    assertThat(compile("%H%M%z", Rounding.NONE, null, false).format(stamped(instant), 0))
        .isEqualTo(compile("%H%M%z", Rounding.NONE, TimeZone.getDefault(), false)
            .format(stamped(instant), 0));
  }

  @Test
  void namesFollowTheJvmDefaultLocaleWhenCompiled() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      PathEscapes german = PathEscapes.compile("%A %B", "hdfs.path", Rounding.NONE, SHANGHAI,
          false);
      Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
      PathEscapes chinese = PathEscapes.compile("%a %p", "hdfs.path", Rounding.NONE, SHANGHAI,
          false);
      Locale.setDefault(Locale.US);

      assertThat(german.format(stamped(EVENING), 0)).isEqualTo("Donnerstag März");
      assertThat(chinese.format(stamped(EVENING), 0)).isEqualTo("周四 下午");
    } finally {
      Locale.setDefault(before);
    }
  }

  /** The calendar escapes print what Flume's SimpleDateFormat patterns print. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"en-US", "zh-CN", "de-DE", "fr-FR", "ru-RU", "ja-JP", "ko-KR", "es-ES",
      "pt-BR", "it-IT"})
  void calendarEscapesMatchFlumesSimpleDateFormatPatterns(String tag) {
    Locale locale = Locale.forLanguageTag(tag);
    Map<String, String> flume = new HashMap<>();
    flume.put("%a", "EEE");
    flume.put("%A", "EEEE");
    flume.put("%b", "MMM");
    flume.put("%B", "MMMM");
    flume.put("%c", "EEE MMM d HH:mm:ss yyyy");
    flume.put("%d", "dd");
    flume.put("%e", "d");
    flume.put("%D", "MM/dd/yy");
    flume.put("%H", "HH");
    flume.put("%I", "hh");
    flume.put("%j", "DDD");
    flume.put("%k", "H");
    flume.put("%l", "h");
    flume.put("%m", "MM");
    flume.put("%n", "M");
    flume.put("%M", "mm");
    flume.put("%p", "a");
    flume.put("%S", "ss");
    flume.put("%y", "yy");
    flume.put("%Y", "yyyy");
    flume.put("%z", "ZZZ");
    TimeZone losAngeles = TimeZone.getTimeZone("America/Los_Angeles");
    for (TimeZone zone : new TimeZone[] {UTC, SHANGHAI, losAngeles}) {
      for (long instant : new long[] {EVENING, MORNING, millis("2012-12-31T12:00:00", UTC)}) {
        flume.forEach((escape, flumePattern) -> {
          SimpleDateFormat reference = new SimpleDateFormat(flumePattern, locale);
          reference.setTimeZone(zone);
          PathEscapes ours = PathEscapes.compile(escape, "hdfs.path", Rounding.NONE, zone, false,
              locale, NO_HOST);

          assertThat(ours.format(stamped(instant), 0))
              .as("%s in %s, %s", escape, tag, zone.getID())
              .isEqualTo(reference.format(new Date(instant)));
        });
      }
    }
  }

  // --- headers

  @Test
  void headerEscapesTakeTheValueOrNothing() {
    PathEscapes path = compile("/logs/%{type}/%{app.name-v2}/%{missing}x", Rounding.NONE, UTC,
        false);

    assertThat(path.needsTimestamp()).isFalse();
    assertThat(path.format(Map.of("type", "web", "app.name-v2", "shop"), 0))
        .isEqualTo("/logs/web/shop/x");
    assertThat(path.format(Map.of(), 0)).isEqualTo("/logs///x");
  }

  @Test
  void headerValuesAreInsertedVerbatim() {
    PathEscapes path = compile("/logs/%{type}", Rounding.NONE, UTC, false);

    assertThat(path.format(Map.of("type", "a$1\\b%Y"), 0)).isEqualTo("/logs/a$1\\b%Y");
  }

  // --- timestamps and rounding

  @Test
  void percentTIsTheTimestampAsGivenWhileTheOtherEscapesAreRounded() {
    PathEscapes path = compile("%t %s %H:%M:%S", new Rounding(true, 1, TimeUnit.HOURS), UTC,
        false);
    long instant = millis("2012-06-12T11:54:34.567", UTC);

    assertThat(path.format(stamped(instant), 0)).isEqualTo(instant + " "
        + millis("2012-06-12T11:00:00", UTC) / 1000 + " 11:00:00");
  }

  @Test
  void percentTWithTheLocalClockIsTheClock() {
    PathEscapes path = compile("%t", new Rounding(true, 1, TimeUnit.HOURS), UTC, true);

    assertThat(path.format(Map.of(), 1339502074567L)).isEqualTo("1339502074567");
  }

  @ParameterizedTest(name = "{0} by {1} {2}")
  @CsvSource({
      "11:54:34.567, 15, SECONDS, 11:54:30",
      "11:54:34.567, 1, SECONDS, 11:54:34",
      "11:54:34.567, 60, SECONDS, 11:54:00",
      "11:54:34.567, 7, MINUTES, 11:49:00",
      "11:54:34.567, 60, MINUTES, 11:00:00",
      "11:54:34.567, 6, HOURS, 06:00:00",
      "11:54:34.567, 24, HOURS, 00:00:00",
  })
  void roundingLowersTheFieldToAMultiple(String time, int value, TimeUnit unit, String expected) {
    PathEscapes path = compile("%H:%M:%S", new Rounding(true, value, unit), SHANGHAI, false);

    assertThat(path.format(stamped(millis("2012-06-12T" + time, SHANGHAI)), 0))
        .isEqualTo(expected);
  }

  @Test
  void roundingFollowsTheLocalClockOfTheZone() {
    TimeZone kolkata = TimeZone.getTimeZone("Asia/Kolkata");
    PathEscapes path = compile("%H%M %s", new Rounding(true, 1, TimeUnit.HOURS), kolkata, false);

    assertThat(path.format(stamped(millis("2012-06-12T11:54:34", kolkata)), 0))
        .isEqualTo("1100 " + millis("2012-06-12T11:00:00", kolkata) / 1000);
  }

  @Test
  void roundingWorksBefore1970() {
    PathEscapes path = compile("%Y%m%d %H%M%S %s", new Rounding(true, 1, TimeUnit.MINUTES), UTC,
        false);

    assertThat(path.format(stamped(-1), 0)).isEqualTo("19691231 235900 -60");
  }

  @Test
  void missingTimestampNamesThePatternAndTheFixes() {
    PathEscapes path = compile("/flume/%Y%m%d", Rounding.NONE, UTC, false);

    MissingTimestampException e = catchThrowableOfType(MissingTimestampException.class,
        () -> path.format(Map.of("host", "a"), 0));

    assertThat(e).isNotNull();
    assertThat(e.key()).isEqualTo("hdfs.path");
    assertThat(e.pattern()).isEqualTo("/flume/%Y%m%d");
    assertThat(e.getMessage()).contains("hdfs.path = /flume/%Y%m%d", "\"timestamp\" header",
        "missing", "Add a timestamp interceptor to the source",
        "set hdfs.useLocalTimeStamp = true");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "", " 1339502074567", "1339502074567.5", "99999999999999999999"})
  void nonNumericTimestampIsRejectedWithTheValue(String value) {
    PathEscapes path = compile("/flume/%t", Rounding.NONE, UTC, false);

    assertThatThrownBy(() -> path.format(Map.of("timestamp", value), 0))
        .isInstanceOf(MissingTimestampException.class)
        .hasMessageContaining("\"" + value + "\", not epoch milliseconds")
        .hasMessageContaining("hdfs.useLocalTimeStamp = true");
  }

  @Test
  void aLongTimestampValueIsShortenedInTheMessage() {
    PathEscapes path = compile("/flume/%s", Rounding.NONE, UTC, false);

    assertThatThrownBy(() -> path.format(Map.of("timestamp", "x".repeat(500)), 0))
        .isInstanceOf(MissingTimestampException.class)
        .hasMessageContaining("x".repeat(40) + "...")
        .hasMessageNotContaining("x".repeat(41));
  }

  @Test
  void localTimeStampIgnoresTheHeader() {
    PathEscapes path = compile("/flume/%Y%m%d/%H", Rounding.NONE, UTC, true);
    long now = millis("2012-06-12T11:54:34", UTC);

    assertThat(path.format(stamped(millis("1999-01-01T00:00:00", UTC)), now))
        .isEqualTo("/flume/20120612/11");
    assertThat(path.format(Map.of("timestamp", "not a number"), now))
        .isEqualTo("/flume/20120612/11");
  }

  // --- patterns without time

  @Test
  void aPatternWithoutEscapesIsReturnedUnchanged() {
    PathEscapes path = compile("hdfs://hadoop102:9000/flume/plain dir/FlumeData", Rounding.NONE,
        UTC, false);

    assertThat(path.needsTimestamp()).isFalse();
    assertThat(path.format(Map.of(), 0))
        .isEqualTo("hdfs://hadoop102:9000/flume/plain dir/FlumeData");
    assertThat(compile("", Rounding.NONE, UTC, false).format(Map.of(), 0)).isEmpty();
  }

  @Test
  void doublePercentIsALiteralPercentAndNeedsNoTimestamp() {
    PathEscapes path = compile("/logs/100%%/%{type}%%", Rounding.NONE, UTC, false);

    assertThat(path.needsTimestamp()).isFalse();
    assertThat(path.format(Map.of("type", "web"), 0)).isEqualTo("/logs/100%/web%");
  }

  @ParameterizedTest
  @ValueSource(strings = {"%t", "%s", "/a/%{h}/%d"})
  void anyTimeEscapeNeedsATimestamp(String pattern) {
    assertThat(compile(pattern, Rounding.NONE, UTC, false).needsTimestamp()).isTrue();
  }

  // --- host escapes

  @Test
  void hostEscapesAreResolvedOnceWhenCompiled() throws UnknownHostException {
    InetAddress address = InetAddress.getByAddress("hadoop102", new byte[] {127, 0, 0, 102});
    AtomicInteger lookups = new AtomicInteger();
    LocalHost host = () -> {
      lookups.incrementAndGet();
      return address;
    };

    PathEscapes path = PathEscapes.compile("/%[localhost]/%[IP]/%[ip]/%[FQDN]/%[Fqdn]",
        "hdfs.path", Rounding.NONE, UTC, false, Locale.US, host);
    String canonical = address.getCanonicalHostName();

    assertThat(path.needsTimestamp()).isFalse();
    assertThat(path.format(Map.of(), 0)).isEqualTo("/hadoop102/127.0.0.102/127.0.0.102/"
        + canonical + "/" + canonical);
    assertThat(path.format(Map.of(), 0)).isEqualTo(path.format(Map.of(), 0));
    assertThat(lookups).hasValue(1);
  }

  @Test
  void theRealHostNameIsUsedByDefault() throws UnknownHostException {
    PathEscapes path = compile("%[localhost]", Rounding.NONE, UTC, false);

    assertThat(path.format(Map.of(), 0)).isEqualTo(InetAddress.getLocalHost().getHostName());
  }

  @Test
  void anUnresolvableHostIsAConfigurationError() {
    LocalHost failing = () -> {
      throw new UnknownHostException("box7: Name or service not known");
    };

    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> PathEscapes.compile("/%[IP]/x", "hdfs.path", Rounding.NONE, UTC, false, Locale.US,
            failing));

    assertThat(e).isNotNull();
    assertThat(e.getKey()).isEqualTo("hdfs.path");
    assertThat(e.getMessage()).contains("%[IP]", "box7: Name or service not known");
    assertThat(e.getFix()).contains("/etc/hosts");
  }

  // --- configuration errors

  @Test
  void anUnknownEscapeIsRejectedListingTheValidOnes() {
    ConfigurationException e = configError("/flume/%Y/%Q", "hdfs.filePrefix");

    assertThat(e.getKey()).isEqualTo("hdfs.filePrefix");
    assertThat(e.getMessage()).contains("hdfs.filePrefix = /flume/%Y/%Q", "\"%Q\"", "position 10");
    assertThat(e.getFix()).contains("%{header}", "%Y", "%[FQDN]", "%%");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "/flume/%{host     | \"%{\" at position 7 without a closing \"}\"",
      "/flume/%[IP       | \"%[\" at position 7 without a closing \"]\"",
      "/flume/%[foo]/x   | unknown escape \"%[foo]\"",
      "/flume/%{}        | \"%{}\"",
      "/flume/%{a b}     | \"%{a b}\"",
      "/flume/%{é}       | \"%{é}\"",
      "/flume/50%        | ends with a lone %",
      "/flume/50% off    | unknown escape \"% \"",
      "/flume/%2F        | unknown escape \"%2\"",
  })
  void malformedEscapesAreRejected(String pattern, String problem) {
    ConfigurationException e = configError(pattern, "hdfs.path");

    assertThat(e.getKey()).isEqualTo("hdfs.path");
    assertThat(e.getMessage()).contains(pattern.strip(), problem);
    assertThat(e.getFix()).isNotBlank();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"61, MINUTES, 60", "0, SECONDS, 60", "25, HOURS, 24", "-1, HOURS, 24"})
  void roundValueOutOfRangeIsRejected(int value, TimeUnit unit, int max) {
    assertThatThrownBy(() -> compile("%H", new Rounding(true, value, unit), UTC, false))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> {
          assertThat(e.getKey()).isEqualTo("hdfs.roundValue");
          assertThat(e.getMessage()).contains("is " + value, "1 to " + max);
        });
  }

  @Test
  void roundValueAtTheLimitsIsAccepted() {
    assertThat(compile("%H", new Rounding(true, 60, TimeUnit.SECONDS), UTC, false)).isNotNull();
    assertThat(compile("%H", new Rounding(true, 24, TimeUnit.HOURS), UTC, false)).isNotNull();
    assertThat(compile("%H", new Rounding(false, 999, TimeUnit.DAYS), UTC, false)).isNotNull();
  }

  @Test
  void aRoundUnitOtherThanSecondMinuteOrHourIsRejected() {
    assertThatThrownBy(() -> compile("%H", new Rounding(true, 1, TimeUnit.DAYS), UTC, false))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> {
          assertThat(e.getKey()).isEqualTo("hdfs.roundUnit");
          assertThat(e.getFix()).contains("second, minute or hour");
        });
  }

  // --- helpers

  private static PathEscapes compile(String pattern, Rounding rounding, TimeZone zone,
      boolean useLocalTimeStamp) {
    return PathEscapes.compile(pattern, "hdfs.path", rounding, zone, useLocalTimeStamp, Locale.US,
        PathEscapes.LocalHost.SYSTEM);
  }

  private static String formatAt(String pattern, long instant) {
    return compile(pattern, Rounding.NONE, SHANGHAI, false).format(stamped(instant), 0);
  }

  private static ConfigurationException configError(String pattern, String key) {
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> PathEscapes.compile(pattern, key, Rounding.NONE, UTC, false, Locale.US, NO_HOST));
    assertThat(e).as("compiling %s", pattern).isNotNull();
    return e;
  }

  private static Map<String, String> stamped(long millis) {
    return Map.of("timestamp", Long.toString(millis));
  }

  private static long millis(String localDateTime, TimeZone zone) {
    ZoneId id = zone.toZoneId();
    return LocalDateTime.parse(localDateTime).atZone(id).toInstant().toEpochMilli();
  }
}
