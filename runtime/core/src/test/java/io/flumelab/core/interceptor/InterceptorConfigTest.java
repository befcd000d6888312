package io.flumelab.core.interceptor;

import static io.flumelab.core.testing.AgentTesting.REAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.atguigu.TypeInterceptor;
import io.flumelab.api.Interceptor;
import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.config.Topology;
import io.flumelab.core.testing.AgentTesting;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Interceptors as a configuration file names them, with the real registry. */
class InterceptorConfigTest {

  private static final String FILE = "jobs/x.conf";

  /** Nine lines; interceptor keys start on line 10. */
  private static final String BASE = """
      a1.sources = r1
      a1.channels = c1
      a1.sinks = k1
      a1.sinks.k1.type = null
      a1.sinks.k1.channel = c1
      a1.sources.r1.type = io.flumelab.core.interceptor.InjectingSource
      a1.sources.r1.channels = c1
      a1.channels.c1.type = memory
      a1.sources.r1.interceptors = i1
      """;

  private static final String I1 = "a1.sources.r1.interceptors.i1.";

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "timestamp | TimestampInterceptor | ",
      "org.apache.flume.interceptor.TimestampInterceptor$Builder | TimestampInterceptor | ",
      "host | HostInterceptor | ",
      "org.apache.flume.interceptor.HostInterceptor$Builder | HostInterceptor | ",
      "static | StaticInterceptor | ",
      "STATIC | StaticInterceptor | ",
      "org.apache.flume.interceptor.StaticInterceptor$Builder | StaticInterceptor | ",
      "remove_header | RemoveHeaderInterceptor | withName=x",
      "org.apache.flume.interceptor.RemoveHeaderInterceptor$Builder | RemoveHeaderInterceptor | withName=x",
      "uuid | UuidInterceptor | ",
      "org.apache.flume.sink.solr.morphline.UUIDInterceptor$Builder | UuidInterceptor | ",
      "search_replace | SearchAndReplaceInterceptor | searchPattern=a;replaceString=",
      "org.apache.flume.interceptor.SearchAndReplaceInterceptor$Builder | SearchAndReplaceInterceptor | searchPattern=a;replaceString=b",
      "regex_filter | RegexFilteringInterceptor | ",
      "org.apache.flume.interceptor.RegexFilteringInterceptor$Builder | RegexFilteringInterceptor | ",
      "regex_extractor | RegexExtractorInterceptor | regex=(a);serializers=s;serializers.s.name=h",
      "org.apache.flume.interceptor.RegexExtractorInterceptor$Builder | RegexExtractorInterceptor | regex=(a);serializers=s;serializers.s.name=h",
      "io.flumelab.core.interceptor.StaticInterceptor$Builder | StaticInterceptor | ",
  })
  void aliasesAndFlumeClassNamesBuildOurInterceptors(String type, String simpleName, String keys) {
    StringBuilder text = new StringBuilder(BASE).append(I1).append("type = ").append(type).append('\n');
    if (keys != null) {
      for (String pair : keys.split(";")) {
        String[] kv = pair.split("=", 2);
        text.append(I1).append(kv[0]).append(" = ").append(kv[1]).append('\n');
      }
    }
    Topology topology = AgentConfigurations.load(FILE, text.toString(), "a1", REAL);

    assertThat(topology.warnings()).isEmpty();
    assertThat(topology.components()).filteredOn(Interceptor.class::isInstance)
        .singleElement().extracting(c -> c.getClass().getSimpleName()).isEqualTo(simpleName);
  }

  @Test
  void aBadRegexIsReportedAtItsLineWithTheRegexError() {
    assertThat(problems(I1 + "type = regex_filter\n" + I1 + "regex = ^(ERROR|WARN\n")).containsExactly(
        "jobs/x.conf:11: a1.sources.r1.interceptors.i1.regex: '^(ERROR|WARN' is not a valid regular expression:"
            + " Unclosed group near index 12. Write a Java regular expression; in a properties file each"
            + " backslash is written twice (\\\\d+ for \\d+), and a literal . or ( is escaped as \\\\."
            + " or \\\\(.");
  }

  @Test
  void aSerializerFaultIsReportedAtItsOwnLine() {
    assertThat(problems(I1 + "type = regex_extractor\n" + I1 + "regex = (\\\\d+)\n" + I1 + "serializers = s1\n"
        + I1 + "serializers.s1.name = n\n" + I1 + "serializers.s1.type = millis\n"
        + I1 + "serializers.s1.patern = yyyy\n")).containsExactly(
        "jobs/x.conf:15: a1.sources.r1.interceptors.i1.serializers.s1.patern: unknown key 'patern' for this"
            + " serializer. Known keys: name, pattern, type.");
  }

  @Test
  void serializerKeysPassKeyValidation() {
    assertThat(problems(I1 + "type = regex_extractor\n" + I1 + "regex = (\\\\d+)\n" + I1 + "serializers = s1\n"
        + I1 + "serializers.s1.name = n\n" + I1 + "serializers.s1.type = millis\n"
        + I1 + "serializers.s1.pattern = yyyy\n")).isEmpty();
  }

  @Test
  void requiredKeysAreCheckedBeforeAnythingIsBuilt() {
    assertThat(problems(I1 + "type = search_replace\n" + I1 + "replaceString = x\n")).containsExactly(
        "jobs/x.conf:10: a1.sources.r1.interceptors.i1.searchPattern: missing required key 'searchPattern' for"
            + " interceptor type 'search_replace'. Add 'a1.sources.r1.interceptors.i1.searchPattern ="
            + " ^[A-Za-z0-9_]+'.");
    assertThat(problems(I1 + "type = search_replace\n" + I1 + "searchPattern = x\n")).singleElement().asString()
        .startsWith("jobs/x.conf:").contains("a1.sources.r1.interceptors.i1.replaceString: search_replace"
            + " interceptor needs replaceString");
  }

  @Test
  void flumesKeyNamesAreChecked() {
    assertThat(problems(I1 + "type = timestamp\n" + I1 + "header = ts\n")).singleElement().asString()
        .startsWith("jobs/x.conf:11: a1.sources.r1.interceptors.i1.header: unknown key 'header' for interceptor"
            + " type 'timestamp'.").contains("headerName");
    assertThat(problems(I1 + "type = host\n" + I1 + "useIP = yes\n")).containsExactly(
        "jobs/x.conf:11: a1.sources.r1.interceptors.i1.useIP: 'yes' is not true or false. Write true or false.");
  }

  @Test
  void aMistypedAliasSuggestsTheRightOne() {
    assertThat(problems(I1 + "type = regex_filtre\n")).singleElement().asString()
        .contains("unknown interceptor type 'regex_filtre'").contains("Did you mean 'regex_filter'?")
        .contains("timestamp, host, static, remove_header, uuid, search_replace, regex_filter, regex_extractor");
  }

  @Test
  void aCustomInterceptorIsBuiltFromItsBuildersClassName() {
    Topology topology = AgentConfigurations.load(FILE, BASE + I1 + "type = com.atguigu.TypeInterceptor$Builder\n",
        "a1", REAL);

    assertThat(topology.components()).filteredOn(Interceptor.class::isInstance)
        .singleElement().isInstanceOf(TypeInterceptor.class);
  }

  @Test
  void aCustomBuilderThatIsMissing() {
    assertThat(problems(I1 + "type = com.atguigu.TypeIntercepter$Builder\n")).containsExactly(
        "jobs/x.conf:10: a1.sources.r1.interceptors.i1.type: class 'com.atguigu.TypeIntercepter$Builder' not found"
            + " (searched: the agent's class path). Check the spelling, and put the jar that holds it"
            + " in plugins.d/<name>/lib (--plugins-path) or on the class path (-C).");
  }

  @Test
  void aCustomInterceptorNamedInsteadOfItsBuilder() {
    assertThat(problems(I1 + "type = com.atguigu.TypeInterceptor\n")).containsExactly(
        "jobs/x.conf:10: a1.sources.r1.interceptors.i1.type: class 'com.atguigu.TypeInterceptor' is not an"
            + " interceptor: it implements io.flumelab.api.Interceptor. Name its builder instead: 'com.atguigu.TypeInterceptor$Builder'.");
  }

  @Test
  void aClassThatIsNoBuilder() {
    assertThat(problems(I1 + "type = com.atguigu.MySource\n")).containsExactly(
        "jobs/x.conf:10: a1.sources.r1.interceptors.i1.type: class 'com.atguigu.MySource' is not an"
            + " interceptor: it implements io.flumelab.api.PollableSource, io.flumelab.api.Source."
            + " An interceptor implements io.flumelab.api.Interceptor.Builder.");
  }

  @Test
  void onlyReplaceStringKeepsGroupReferencesAsWritten() {
    // ${user} is a group in replaceString; anywhere else it is a variable, here undefined
    assertThat(problems(I1 + "type = search_replace\n" + I1 + "searchPattern = (?<user>\\w+)@\n"
        + I1 + "replaceString = ${user} at\n")).isEmpty();
    assertThat(problems(I1 + "type = static\n" + I1 + "value = ${user}\n")).containsExactly(
        "jobs/x.conf:11: a1.sources.r1.interceptors.i1.value: undefined variable ${user}. Set the"
            + " environment variable user, or start the agent with -Duser=<value>.");
    // not a group name (Java's have no underscore): still a variable in replaceString
    assertThat(problems(I1 + "type = search_replace\n" + I1 + "searchPattern = x\n"
        + I1 + "replaceString = ${NEW_TEXT}\n")).singleElement().asString()
        .contains("undefined variable ${NEW_TEXT}");
  }

  @Test
  void aGroupReferenceTheSearchPatternLacksIsReported() {
    assertThat(problems(I1 + "type = search_replace\n" + I1 + "searchPattern = (?<user>\\w+)@\n"
        + I1 + "replaceString = ${usr}\n")).singleElement().asString()
        .startsWith("jobs/x.conf:12: a1.sources.r1.interceptors.i1.replaceString: '${usr}' does not"
            + " fit searchPattern");
  }

  private static List<String> problems(String interceptorLines) {
    return AgentTesting.problems(FILE, BASE + interceptorLines);
  }
}
