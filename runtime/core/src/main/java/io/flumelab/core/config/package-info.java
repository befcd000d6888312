/**
 * Reads a Flume properties file into one agent's wired components, reporting every problem first.
 *
 * <p>{@link io.flumelab.core.config.AgentConfigurations} is the entry point: {@code load} returns a
 * {@link io.flumelab.core.config.Topology} or throws {@link io.flumelab.core.config.InvalidConfigFileException};
 * {@code check} returns a {@link io.flumelab.core.config.CheckReport}. Each finding renders as
 * {@code file:line: [warning: ]key: message. Fix.}, the parts that do not apply left out, so editors
 * and terminals can jump to the line.
 *
 * <p>The pipeline: properties reader (keeps line numbers) → agent parser (lists, sections,
 * variables) → checker (types, keys, bindings) → pruner (drops invalid components and their
 * dependents) → assembler (creates, configures and wires; a component's own
 * {@link io.flumelab.api.ConfigurationException} becomes a problem at its key's line). Component
 * types come from {@link io.flumelab.core.spi.ComponentCatalog}s found by {@link java.util.ServiceLoader}.
 *
 * <p>Not an extension point: modules with components build on {@link io.flumelab.core.spi} only
 * (a test checks their imports); the launcher and the test tools start agents from here.
 */
package io.flumelab.core.config;

