package kafkatest;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Lab 15 (b), the notes' first interceptor: before a record is sent, its value becomes
 * {@code <System.currentTimeMillis()>:<value>}. Everything else about the record stays as the
 * producer's caller made it.
 */
public class KafkaInterceptor implements ProducerInterceptor<String, String> {

  @Override
  public ProducerRecord<String, String> onSend(ProducerRecord<String, String> record) {
    // TODO: the record with the timestamp before its value. The notes build
    // new ProducerRecord<>(record.topic(), newValue): what does that record lose?
    return record;
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
