/**
 * Supervision: a component that fails to start, or reports ERROR, is restarted with a growing
 * pause while the rest of the agent runs.
 *
 * <p>Not an extension point: modules with components build on {@link io.flumelab.core.spi} only
 * (a test checks their imports); the launcher and the test tools start agents from here.
 */
package io.flumelab.core.lifecycle;
