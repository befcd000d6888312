package kafkatest;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Lab 15 (b), the notes' second interceptor: counts the records the brokers acknowledged and the
 * records that failed, and prints both when the producer closes it, each on a line of its own:
 * {@code success=N} and {@code error=N}.
 */
public class CountInterceptor implements ProducerInterceptor<String, String> {

  @Override
  public ProducerRecord<String, String> onSend(ProducerRecord<String, String> record) {
    return record;
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    // TODO: one more success, or one more error. The notes test metadata != null first: what
    // does Kafka pass as metadata for a record that failed? Which threads call this method?
  }

  @Override
  public void close() {
    // TODO: print success=N and error=N
  }

  @Override
  public void configure(Map<String, ?> configs) {
  }
}
