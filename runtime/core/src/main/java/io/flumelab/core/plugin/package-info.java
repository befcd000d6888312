/**
 * plugins.d: the class loaders the agent gives plugins, and the search for a component class
 * across them and the agent's class path.
 *
 * <p>Each plugin directory ({@code <root>/<name>/lib}, {@code libext}, {@code native}) gets a
 * {@link io.flumelab.core.plugin.PluginClassLoader} of its own, parent-first. Its parent is a
 * {@link io.flumelab.core.plugin.SharedApiLoader}, which shows plugins the JDK, FlumeLab's API and
 * spi and the logging APIs and nothing else of the agent, or, for a plugin written against a
 * foreign API ({@link io.flumelab.core.spi.ForeignApi}), the compatibility loader over the jars
 * of {@code flumelab.compat.path}, in which the adapters are found. {@link
 * io.flumelab.core.plugin.Plugins} owns every loader of one agent and closes them.
 *
 * <p>Not an extension point: plugins are written against {@code io.flumelab.api} (or a foreign
 * API), modules against {@code io.flumelab.core.spi}; the configuration package uses this one.
 */
package io.flumelab.core.plugin;
