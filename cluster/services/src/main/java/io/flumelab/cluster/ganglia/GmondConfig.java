package io.flumelab.cluster.ganglia;

/**
 * gmond's configuration for the labs: unicast only (no multicast, which loopback does not carry),
 * receiving metrics on UDP and serving them as XML on TCP at one address and port, collecting no
 * metrics of its own, keeping every host it heard of.
 */
public final class GmondConfig {

  private GmondConfig() {}

  /**
   * @param location the host gmond plays ("hadoop102")
   * @param bind the address it listens on
   */
  public static String text(String location, String bind, int port) {
    return """
        globals {
          daemonize = no
          setuid = no
          debug_level = 0
          max_udp_msg_len = 1472
          mute = yes
          deaf = no
          allow_extra_data = yes
          host_dmax = 0
          cleanup_threshold = 300
          gexec = no
          send_metadata_interval = 0
        }
        cluster {
          name = "flumelab"
          owner = "flumelab"
        }
        host {
          location = "%1$s"
        }
        udp_recv_channel {
          bind = %2$s
          port = %3$d
          family = inet4
        }
        tcp_accept_channel {
          bind = %2$s
          port = %3$d
          family = inet4
        }
        """.formatted(location, bind, port);
  }
}
