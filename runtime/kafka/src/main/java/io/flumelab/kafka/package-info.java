/**
 * The {@code kafka} sink, source and channel: Apache Flume 1.11's keys and defaults on Kafka's own
 * client, with what Kafka says about a setting reported by {@code flume-ng check}.
 */
package io.flumelab.kafka;
