package io.flumelab.avro;

import io.flumelab.api.ConfigurationException;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.compression.ZlibWrapper;
import java.util.Locale;

/**
 * {@code compression-type}: none, or deflate as Flume does it: one zlib stream per direction over
 * the whole connection (each write flushed), not a stream per frame.
 */
enum Compression {
  NONE, DEFLATE;

  static final String KEY = "compression-type";
  static final int DEFAULT_LEVEL = 6;

  static Compression parse(String component, String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "none" -> NONE;
      case "deflate" -> DEFLATE;
      default -> throw new ConfigurationException(KEY, component + ": compression-type '" + value
          + "' is neither none nor deflate",
          "Set compression-type = none or deflate, the same on both ends of the connection");
    };
  }

  /** Adds the zlib codecs in front of the framing (server side: level 6 for answers). */
  void addTo(ChannelPipeline pipeline) {
    addTo(pipeline, DEFAULT_LEVEL);
  }

  void addTo(ChannelPipeline pipeline, int level) {
    if (this == DEFLATE) {
      pipeline.addLast("inflater", ZlibCodecFactory.newZlibDecoder(ZlibWrapper.ZLIB, 0));
      pipeline.addLast("deflater", ZlibCodecFactory.newZlibEncoder(ZlibWrapper.ZLIB, level));
    }
  }
}
