/**
 * The counters as JMX MBeans under Flume's names, and the monitoring services chosen with
 * {@code -Dflume.monitoring.type}.
 *
 * <p>Not an extension point: modules with components build on {@link io.flumelab.core.spi} only
 * (a test checks their imports); the launcher and the test tools start agents from here.
 */
package io.flumelab.core.monitor;
