package io.flumelab.testkit;

import static io.flumelab.core.spi.ComponentKind.SINK;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.AbstractSink;
import io.flumelab.api.BatchSizeSupported;
import io.flumelab.api.Configurable;
import io.flumelab.api.Context;
import io.flumelab.core.spi.Check;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Counted;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import io.flumelab.core.spi.SinkCounter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit must fail a component that breaks its contract, and pass one that keeps it. */
class ContractTest {

  static final Setting<Integer> BATCH = Setting.integer("batchSize").defaultValue(10)
      .check(Check.atLeast(1)).doc("events per transaction");
  static final Setting<String> PREFIX = Setting.string("prefix").required("x-")
      .doc("what each body starts with");

  /** Keeps the contract: reads what it declares through Settings, counts, offers its batch. */
  public static class GoodSink extends AbstractSink
      implements Configurable, Counted, BatchSizeSupported {
    long batchSize;
    private SinkCounter counter;

    @Override
    public void configure(Context context) {
      Settings settings = Settings.of(context, "sink " + getName());
      batchSize = settings.get(BATCH);
      settings.get(PREFIX);
    }

    @Override
    public long getBatchSize() {
      return batchSize;
    }

    @Override
    public synchronized SinkCounter getCounter() {
      if (counter == null) {
        counter = new SinkCounter(getName());
      }
      return counter;
    }

    @Override
    public Status process() {
      return Status.BACKOFF;
    }
  }

  /** Reads a key it does not declare. */
  public static class SneakySink extends GoodSink {
    @Override
    public void configure(Context context) {
      super.configure(context);
      context.getString("secret");
    }
  }

  /** Declares a key it never reads. */
  public static class ForgetfulSink extends GoodSink {
    @Override
    public void configure(Context context) {
      batchSize = Settings.of(context, "sink").get(BATCH);
    }
  }

  private static ComponentSpec spec(Class<?> type, Setting<?>... settings) {
    return ComponentSpec.builder(SINK, type.getSimpleName(), type).settings(settings).batch(BATCH)
        .build();
  }

  private static Contract contract(ComponentSpec spec, Path dir) {
    return new Contract(spec, d -> Map.of(), dir);
  }

  @Test
  void aComponentThatKeepsTheContractPassesEveryCheck(@TempDir Path dir) {
    Contract contract = contract(spec(GoodSink.class, PREFIX), dir);
    assertThatCode(contract::documentsItsSettings).doesNotThrowAnyException();
    assertThatCode(contract::readsItsKeys).doesNotThrowAnyException();
    assertThatCode(contract::startsAndStops).doesNotThrowAnyException();
    assertThatCode(contract::keepsFlumesCounters).doesNotThrowAnyException();
    assertThatCode(contract::offersItsCapabilities).doesNotThrowAnyException();
  }

  @Test
  void readingAnUndeclaredKeyFails(@TempDir Path dir) {
    assertThatThrownBy(contract(spec(SneakySink.class, PREFIX), dir)::readsItsKeys)
        .hasMessageContaining("reads without declaring them").hasMessageContaining("secret");
  }

  @Test
  void aDeclaredKeyThatIsNeverReadFails(@TempDir Path dir) {
    assertThatThrownBy(contract(spec(ForgetfulSink.class, PREFIX), dir)::readsItsKeys)
        .hasMessageContaining("never read").hasMessageContaining("prefix");
  }

  @Test
  void aDefaultThatBreaksItsOwnRuleFails(@TempDir Path dir) {
    Setting<Integer> bad = Setting.integer("size").defaultValue(0).check(Check.atLeast(1))
        .doc("a size");
    assertThatThrownBy(contract(spec(GoodSink.class, PREFIX, bad), dir)::documentsItsSettings)
        .hasMessageContaining("the default of size");
  }

  @Test
  void anUndocumentedSettingFails(@TempDir Path dir) {
    assertThatThrownBy(contract(spec(GoodSink.class, PREFIX, Setting.string("mystery")), dir)
        ::documentsItsSettings).hasMessageContaining("the doc of mystery");
  }

  @Test
  void aBatchDeclaredButNotOfferedFails(@TempDir Path dir) {
    ComponentSpec spec = ComponentSpec.builder(SINK, "plain", PlainSink.class).batch(BATCH).build();
    assertThatThrownBy(contract(spec, dir)::offersItsCapabilities)
        .hasMessageContaining("declares batchSize");
  }

  /** A sink with no counters and no batch capability. */
  public static class PlainSink extends AbstractSink {
    @Override
    public Status process() {
      return Status.BACKOFF;
    }
  }

  @Test
  void aSinkWithoutCountersFails(@TempDir Path dir) {
    ComponentSpec spec = ComponentSpec.builder(SINK, "plain", PlainSink.class).build();
    assertThatThrownBy(contract(spec, dir)::keepsFlumesCounters).hasMessageContaining("keeps counters");
  }

  /** Counts something of its own without saying what it means. */
  public static class MumblingSink extends GoodSink {
    private final SinkCounter counter = new SinkCounter("k1") {
      {
        counter("RetryCount");
      }
    };

    @Override
    public synchronized SinkCounter getCounter() {
      return counter;
    }
  }

  @Test
  void aCounterNothingDescribesFails(@TempDir Path dir) {
    ComponentSpec spec = spec(MumblingSink.class, PREFIX);
    assertThatThrownBy(contract(spec, dir)::keepsFlumesCounters)
        .hasMessageContaining("nothing describes").hasMessageContaining("RetryCount");
  }
}
