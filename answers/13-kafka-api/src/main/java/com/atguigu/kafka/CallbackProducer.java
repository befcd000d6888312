package com.atguigu.kafka;

import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Lab 13: the notes' KafkaProducerWithCallbackTest, each record's outcome told to {@link Deliveries}. */
public final class CallbackProducer {

  private CallbackProducer() {}

  /**
   * Sends each record with a callback that reports it exactly once: {@code failed} when an
   * exception came (the metadata is then a placeholder with offset -1, not null), else
   * {@code delivered}.
   */
  public static void send(Producer<String, String> producer,
      List<ProducerRecord<String, String>> records, Deliveries deliveries) {
    for (ProducerRecord<String, String> record : records) {
      producer.send(record, (metadata, exception) -> {
        if (exception != null) {
          deliveries.failed(record.value(), exception);
        } else {
          deliveries.delivered(record.value(), metadata);
        }
      });
    }
    producer.flush();
  }
}
