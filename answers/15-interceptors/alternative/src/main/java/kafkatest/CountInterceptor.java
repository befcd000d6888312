package kafkatest;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Lab 15, a second correct answer: LongAdders, which many sending threads share cheaply. */
public class CountInterceptor implements ProducerInterceptor<String, String> {

  private final LongAdder acknowledged = new LongAdder();
  private final LongAdder failed = new LongAdder();

  @Override
  public ProducerRecord<String, String> onSend(ProducerRecord<String, String> record) {
    return record;
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    (exception != null ? failed : acknowledged).increment();
  }

  @Override
  public void close() {
    System.out.printf("success=%d%nerror=%d%n", acknowledged.sum(), failed.sum());
  }

  @Override
  public void configure(Map<String, ?> configs) {
  }
}
