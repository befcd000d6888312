/**
 * The built-in interceptors, under Flume's aliases and builder class names: timestamp, host,
 * static, remove_header, uuid, search_replace, regex_filter and regex_extractor. Each is built by
 * its nested {@code Builder} from the keys under {@code interceptors.<name>.}; patterns are
 * compiled once, at configuration, and a bad one is reported at its key.
 *
 * <p>Not an extension point: modules with components build on {@link io.flumelab.core.spi} only
 * (a test checks their imports); the launcher and the test tools start agents from here.
 */
package io.flumelab.core.interceptor;
