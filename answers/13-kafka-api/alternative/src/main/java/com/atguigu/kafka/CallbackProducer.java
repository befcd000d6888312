package com.atguigu.kafka;

import java.util.List;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** A second answer: an anonymous Callback as in the notes, the exception tested first. */
public final class CallbackProducer {

  private CallbackProducer() {}

  public static void send(Producer<String, String> producer,
      List<ProducerRecord<String, String>> records, final Deliveries deliveries) {
    for (final ProducerRecord<String, String> record : records) {
      producer.send(record, new Callback() {
        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
          if (exception == null) {
            deliveries.delivered(record.value(), metadata);
            return;
          }
          deliveries.failed(record.value(), exception);
        }
      });
    }
  }
}
