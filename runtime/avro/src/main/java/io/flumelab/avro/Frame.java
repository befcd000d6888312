package io.flumelab.avro;

import io.netty.buffer.ByteBuf;

/**
 * One message of Avro's Netty transport: the serial that pairs a response with its request, and
 * the message's bytes. The receiver owns (and releases) {@code body}; on a source, it also gives
 * {@code budgetBytes} back to the {@link ReadBudget} once the frame is handled.
 */
record Frame(int serial, ByteBuf body, long budgetBytes) {

  /** A frame to send, or one read outside any budget. */
  Frame(int serial, ByteBuf body) {
    this(serial, body, 0);
  }
}
