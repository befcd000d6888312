package kafkatest;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Lab 15 (reference solution): the value becomes {@code <currentTimeMillis>:<value>}. */
public class KafkaInterceptor implements ProducerInterceptor<String, String> {

  @Override
  public ProducerRecord<String, String> onSend(ProducerRecord<String, String> record) {
    String stamped = System.currentTimeMillis() + ":" + record.value();
    // every field but the value as the caller set it: the notes' new ProducerRecord<>(topic,
    // value) drops the key (so the partition its hash picks), the partition, headers and timestamp
    return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(),
        record.key(), stamped, record.headers());
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
  }

  @Override
  public void close() {
  }

  @Override
  public void configure(Map<String, ?> configs) {
  }
}
