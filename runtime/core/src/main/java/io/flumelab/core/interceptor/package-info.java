/**
 * The built-in interceptors, under Flume's aliases and builder class names: timestamp, host,
 * static, remove_header, uuid, search_replace, regex_filter and regex_extractor. Each is built by
 * its nested {@code Builder} from the keys under {@code interceptors.<name>.}; patterns are
 * compiled once, at configuration, and a bad one is reported at its key.
 */
package io.flumelab.core.interceptor;
