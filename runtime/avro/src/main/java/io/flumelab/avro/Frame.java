package io.flumelab.avro;

import io.netty.buffer.ByteBuf;

/**
 * One message of Avro's Netty transport: the serial that pairs a response with its request, and
 * the message's bytes. The receiver owns (and releases) {@code body}.
 */
record Frame(int serial, ByteBuf body) {}
