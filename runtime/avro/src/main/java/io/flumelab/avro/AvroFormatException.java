package io.flumelab.avro;

import io.netty.handler.codec.CorruptedFrameException;

/** Bytes that are not Flume's avro protocol; the connection that sent them is closed. */
class AvroFormatException extends CorruptedFrameException {

  private static final long serialVersionUID = 1L;

  AvroFormatException(String message) {
    super(message);
  }
}
