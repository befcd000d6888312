package com.atguigu.kafka;

import org.apache.kafka.clients.producer.RecordMetadata;

/** Where {@link CallbackProducer}'s callback reports each record's outcome, once per record. */
public interface Deliveries {

  /** The broker acknowledged the record: it is at {@code metadata}'s partition and offset. */
  void delivered(String value, RecordMetadata metadata);

  /** The record was not written; {@code exception} says why. */
  void failed(String value, Exception exception);
}
