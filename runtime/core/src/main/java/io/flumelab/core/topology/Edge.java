package io.flumelab.core.topology;

/**
 * Events moving inside one agent: a source into a channel, or a channel to a sink.
 *
 * @param label what routes them there, or null when everything goes: the values of a
 *     multiplexing selector's header that lead to the channel ({@code letter, digit}, with
 *     {@code default} for its default channels), or {@code optional} for a replicating selector's
 *     optional channel
 */
public record Edge(NodeRef from, NodeRef to, String label) {}
