/**
 * FlumeLab's plugin API: the types a custom source, sink, channel or interceptor is written
 * against. The names and signatures follow Apache Flume's, so a component written for Flume
 * compiles here once its {@code org.apache.flume.*} imports become {@code io.flumelab.api.*}.
 * This package depends on the JDK and SLF4J only.
 */
package io.flumelab.api;
