package io.flumelab.cluster.ganglia;

/** One metric as gmond reports it: the host it came from, its name, value, type and units. */
public record GmondMetric(String host, String name, String value, String type, String units) {}
