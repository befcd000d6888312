/**
 * An agent at run time: {@link io.flumelab.core.agent.Agent} starts channels, then sinks, then
 * sources, and stops them in reverse; {@link io.flumelab.core.agent.AgentStatus} writes where it is
 * in its life for tools that wait on it.
 *
 * <p>Not an extension point: modules with components build on {@link io.flumelab.core.spi} only
 * (a test checks their imports); the launcher and the test tools start agents from here.
 */
package io.flumelab.core.agent;
