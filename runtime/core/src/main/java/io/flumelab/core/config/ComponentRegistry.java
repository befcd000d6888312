package io.flumelab.core.config;

import io.flumelab.core.spi.ComponentCatalog;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** Every known component type, by kind, from the catalogs on the classpath. */
public final class ComponentRegistry {

  private final Map<ComponentKind, List<ComponentSpec>> specs = new EnumMap<>(ComponentKind.class);

  private ComponentRegistry(Collection<ComponentSpec> all) {
    for (ComponentKind kind : ComponentKind.values()) {
      specs.put(kind, new ArrayList<>());
    }
    for (ComponentSpec spec : all) {
      List<ComponentSpec> ofKind = specs.get(spec.kind());
      for (ComponentSpec known : ofKind) {
        if (known.alias().equalsIgnoreCase(spec.alias())) {
          throw new IllegalStateException("Two " + spec.kind().label() + " types are called '"
              + spec.alias() + "': " + known.className() + " and " + spec.className());
        }
      }
      ofKind.add(spec);
    }
  }

  /** The specs of every {@link ComponentCatalog} the class loader's service files list. */
  public static ComponentRegistry load(ClassLoader classLoader) {
    List<ComponentSpec> all = new ArrayList<>();
    for (ComponentCatalog catalog : ServiceLoader.load(ComponentCatalog.class, classLoader)) {
      all.addAll(catalog.specs());
    }
    return new ComponentRegistry(all);
  }

  public static ComponentRegistry of(Collection<ComponentSpec> specs) {
    return new ComponentRegistry(specs);
  }

  /**
   * The spec a type names: its alias in any case, its FlumeLab class name, or one of Flume's class
   * names for it.
   */
  public Optional<ComponentSpec> find(ComponentKind kind, String type) {
    String lower = type.toLowerCase(Locale.ROOT);
    for (ComponentSpec spec : specs.get(kind)) {
      if (spec.alias().toLowerCase(Locale.ROOT).equals(lower) || spec.className().equals(type)
          || spec.flumeClassNames().contains(type)) {
        return Optional.of(spec);
      }
    }
    return Optional.empty();
  }

  public List<ComponentSpec> specs(ComponentKind kind) {
    return List.copyOf(specs.get(kind));
  }

  /** The aliases of a kind, in registration order. */
  public List<String> aliases(ComponentKind kind) {
    return specs.get(kind).stream().map(ComponentSpec::alias).toList();
  }
}
