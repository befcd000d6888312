/**
 * The transactional channel base, the memory channel, the replicating and multiplexing channel
 * selectors, and the channel processor sources write through.
 *
 * <p>Not an extension point: modules with components build on {@link io.flumelab.core.spi} only
 * (a test checks their imports); the launcher and the test tools start agents from here.
 */
package io.flumelab.core.channel;
