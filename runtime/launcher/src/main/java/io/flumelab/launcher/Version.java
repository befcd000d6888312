package io.flumelab.launcher;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest. */
final class Version implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = FlumeNg.class.getPackage().getImplementationVersion();
    return new String[] {"FlumeLab " + (version == null ? "(development build)" : version)
        + ", reading Apache Flume 1.11 configuration files"};
  }
}
