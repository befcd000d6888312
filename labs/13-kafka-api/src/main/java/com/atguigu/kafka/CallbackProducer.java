package com.atguigu.kafka;

import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Lab 13: the notes' KafkaProducerWithCallbackTest, each record's outcome told to {@link Deliveries}. */
public final class CallbackProducer {

  private CallbackProducer() {}

  /**
   * Sends each record with a callback that reports it exactly once to {@code deliveries}:
   * {@code delivered} with its metadata, or {@code failed} with the exception.
   */
  public static void send(Producer<String, String> producer,
      List<ProducerRecord<String, String>> records, Deliveries deliveries) {
    for (ProducerRecord<String, String> record : records) {
      producer.send(record, (metadata, exception) -> {
        // TODO: the notes' callback, which tests "metadata != null" first: is it right?
      });
    }
  }
}
