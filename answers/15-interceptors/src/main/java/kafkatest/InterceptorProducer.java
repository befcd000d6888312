package kafkatest;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/** Lab 15 (reference solution): the producer's properties with the interceptor chain. */
public final class InterceptorProducer {

  private InterceptorProducer() {}

  public static Properties properties(String bootstrap) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    // in this order: CountInterceptor's onSend sees the record KafkaInterceptor returned
    properties.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
        List.of(KafkaInterceptor.class.getName(), CountInterceptor.class.getName()));
    return properties;
  }
}
