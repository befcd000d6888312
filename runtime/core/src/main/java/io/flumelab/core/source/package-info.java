/**
 * Source runners (a thread per pollable source) and the built-in sources, one package per
 * source that has several classes.
 *
 * <p>Not an extension point: modules with components build on {@link io.flumelab.core.spi} only
 * (a test checks their imports); the launcher and the test tools start agents from here.
 */
package io.flumelab.core.source;
