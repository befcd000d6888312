package io.flumelab.core.topology;

/**
 * Events leaving one agent for another: an avro or thrift sink to the source listening where it
 * sends, or a Kafka sink to the Kafka sources and channels that read its topic from the same
 * brokers.
 *
 * @param protocol {@code avro}, {@code thrift} or {@code kafka}
 * @param address where they meet: {@code hadoop103:4141}, or {@code topic first}
 */
public record Hop(NodeRef from, NodeRef to, String protocol, String address) {}
