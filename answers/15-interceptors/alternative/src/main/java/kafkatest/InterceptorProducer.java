package kafkatest;

import java.util.Properties;

/** Lab 15, a second correct answer: the keys as strings, the chain as one comma-separated value. */
public final class InterceptorProducer {

  private InterceptorProducer() {}

  public static Properties properties(String bootstrap) {
    Properties properties = new Properties();
    properties.setProperty("bootstrap.servers", bootstrap);
    properties.setProperty("key.serializer",
        "org.apache.kafka.common.serialization.StringSerializer");
    properties.setProperty("value.serializer",
        "org.apache.kafka.common.serialization.StringSerializer");
    properties.setProperty("acks", "all");
    properties.setProperty("interceptor.classes",
        "kafkatest.KafkaInterceptor, kafkatest.CountInterceptor");
    return properties;
  }
}
