package io.flumelab.core.spi;

import io.flumelab.api.ConfigurationException;
import java.util.List;

/**
 * The SSL keys Flume's listening sources share (avro, http). FlumeLab's sources serve plain TCP, so
 * {@code ssl = true} is refused with a fix and the other keys are accepted, read and unused: a Flume
 * file that sets them still passes the checker.
 */
public final class ServerSsl {

  public static final Setting<Boolean> SSL = Setting.bool("ssl").alias("enableSSL")
      .defaultValue(false).doc("serve over SSL; not supported by FlumeLab (true is an error)");
  static final Setting<String> KEYSTORE = Setting.string("keystore")
      .doc("the keystore file for SSL; unused, as SSL is not supported");
  static final Setting<String> KEYSTORE_PASSWORD = Setting.string("keystore-password")
      .alias("keystorePassword").doc("the keystore password for SSL; unused");
  static final Setting<String> KEYSTORE_TYPE = Setting.string("keystore-type").defaultValue("JKS")
      .doc("the keystore type for SSL; unused");
  static final Setting<String> EXCLUDE_PROTOCOLS = Setting.string("exclude-protocols")
      .alias("excludeProtocols").defaultValue("SSLv3").doc("SSL protocols to exclude; unused");
  static final Setting<String> INCLUDE_PROTOCOLS = Setting.string("include-protocols")
      .doc("SSL protocols to include; unused");
  static final Setting<String> EXCLUDE_CIPHER_SUITES = Setting.string("exclude-cipher-suites")
      .doc("SSL cipher suites to exclude; unused");
  static final Setting<String> INCLUDE_CIPHER_SUITES = Setting.string("include-cipher-suites")
      .doc("SSL cipher suites to include; unused");

  /** Every key, for a source's spec. */
  public static final List<Setting<?>> SETTINGS = List.of(SSL, KEYSTORE, KEYSTORE_PASSWORD,
      KEYSTORE_TYPE, EXCLUDE_PROTOCOLS, INCLUDE_PROTOCOLS, EXCLUDE_CIPHER_SUITES,
      INCLUDE_CIPHER_SUITES);

  private ServerSsl() {}

  /**
   * Reads every key, so a malformed one is reported like any setting, and refuses SSL.
   *
   * @param fix what to do instead of SSL, for the source at hand
   */
  public static void refuse(Settings settings, String fix) {
    SETTINGS.forEach(settings::get);
    if (settings.get(SSL)) {
      String key = settings.keyOf(SSL);
      throw new ConfigurationException(key,
          settings.owner() + ": " + key + " = true: SSL is not supported by FlumeLab", fix);
    }
  }
}
