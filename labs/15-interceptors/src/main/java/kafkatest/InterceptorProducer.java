package kafkatest;

import java.util.Properties;

/** Lab 15 (b): the producer's properties, as the notes' interceptor demo sets them. */
public final class InterceptorProducer {

  private InterceptorProducer() {}

  /**
   * A producer's properties for the brokers {@code bootstrap}: String keys and values, and the
   * interceptor chain KafkaInterceptor, then CountInterceptor.
   */
  public static Properties properties(String bootstrap) {
    Properties properties = new Properties();
    // TODO: bootstrap.servers, the key's and the value's serializer, and interceptor.classes
    return properties;
  }
}
