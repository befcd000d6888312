package io.flumelab.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.core.spi.ComponentCatalog;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * The contract every component type is tested against, built from its {@link ComponentSpec}:
 *
 * <ul>
 *   <li>its settings are documented, required ones have an example, defaults pass their own checks;
 *   <li>configure reads every declared key and no undeclared one;
 *   <li>it configures, starts and stops cleanly with its required keys set;
 *   <li>a source, sink or channel keeps Flume's counters under Flume's names, each described by a
 *       {@code CounterSpec};
 *   <li>a declared batch size or transaction capacity is also offered through the capability
 *       interfaces, with the configured value.
 * </ul>
 *
 * <p>A module adds its types with one test factory:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> contract(@TempDir Path dir) {
 *   return ComponentTestKit.of(new HdfsCatalog())
 *       .with(ComponentKind.SINK, "hdfs", tmp -> Map.of("hdfs.path", tmp.toUri().toString()))
 *       .tests(dir);
 * }
 * }</pre>
 */
public final class ComponentTestKit {

  private final List<ComponentSpec> specs;
  private final Map<String, Function<Path, Map<String, String>>> runnable = new HashMap<>();

  private ComponentTestKit(List<ComponentSpec> specs) {
    this.specs = List.copyOf(specs);
  }

  /** The types of the given catalogs. */
  public static ComponentTestKit of(ComponentCatalog... catalogs) {
    List<ComponentSpec> specs = new ArrayList<>();
    for (ComponentCatalog catalog : catalogs) {
      specs.addAll(catalog.specs());
    }
    return new ComponentTestKit(specs);
  }

  /** Every type registered on the class path, as the agent sees them. */
  public static ComponentTestKit ofRegistry() {
    List<ComponentSpec> specs = new ArrayList<>();
    ServiceLoader.load(ComponentCatalog.class).forEach(catalog -> specs.addAll(catalog.specs()));
    return new ComponentTestKit(specs);
  }

  /**
   * Settings a type needs to start here (a directory that exists, a free port), given a fresh
   * directory of its own; they are added to the examples of its required settings.
   */
  public ComponentTestKit with(ComponentKind kind, String alias,
      Function<Path, Map<String, String>> settings) {
    runnable.put(kind + " " + alias, settings);
    return this;
  }

  /** The specs under test. */
  public List<ComponentSpec> specs() {
    return specs;
  }

  /** One container of tests per type; {@code dir} holds each type's files. */
  public Stream<DynamicNode> tests(Path dir) {
    assertThat(specs).as("component types under test").isNotEmpty();
    return specs.stream().map(spec -> container(spec, dir));
  }

  private DynamicContainer container(ComponentSpec spec, Path dir) {
    Function<Path, Map<String, String>> extra = runnable.getOrDefault(
        spec.kind() + " " + spec.alias(), d -> Map.of());
    Contract contract = new Contract(spec, extra, dir.resolve(spec.kind().name().toLowerCase()
        + "-" + spec.alias().replaceAll("\\W", "_")));
    return DynamicContainer.dynamicContainer(spec.kind().label() + " " + spec.alias(), Stream.of(
        DynamicTest.dynamicTest("documents its settings, with valid defaults",
            contract::documentsItsSettings),
        DynamicTest.dynamicTest("reads every declared key and no other", contract::readsItsKeys),
        DynamicTest.dynamicTest("configures, starts and stops", contract::startsAndStops),
        DynamicTest.dynamicTest("keeps Flume's counters, each described",
            contract::keepsFlumesCounters),
        DynamicTest.dynamicTest("offers its batch and capacity as capabilities",
            contract::offersItsCapabilities)));
  }
}
