package kafkatest;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Lab 15 (reference solution): counts acknowledged and failed records, printed at close(). */
public class CountInterceptor implements ProducerInterceptor<String, String> {

  // the producer's I/O thread counts what the brokers answer, and each sending thread counts what
  // failed inside its own send() (a record over max.request.size): plain ints would lose counts
  private final AtomicLong success = new AtomicLong();
  private final AtomicLong error = new AtomicLong();

  @Override
  public ProducerRecord<String, String> onSend(ProducerRecord<String, String> record) {
    return record;
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    // the exception decides: a failed record comes with metadata too (offset -1)
    if (exception == null) {
      success.incrementAndGet();
    } else {
      error.incrementAndGet();
    }
  }

  @Override
  public void close() {
    System.out.println("success=" + success.get());
    System.out.println("error=" + error.get());
  }

  @Override
  public void configure(Map<String, ?> configs) {
  }
}
