/**
 * Sink runners, the sink processors of sink groups (default, failover, load_balance) with their
 * selectors, and the light built-in sinks (logger, null, file_roll).
 *
 * <p>Not an extension point: modules with components build on {@link io.flumelab.core.spi} only
 * (a test checks their imports); the launcher and the test tools start agents from here.
 */
package io.flumelab.core.sink;
