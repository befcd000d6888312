package io.flumelab.core;

import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.channel.MultiplexingChannelSelector;
import io.flumelab.core.channel.ReplicatingChannelSelector;
import io.flumelab.core.interceptor.HostInterceptor;
import io.flumelab.core.interceptor.RegexExtractorInterceptor;
import io.flumelab.core.interceptor.RegexFilteringInterceptor;
import io.flumelab.core.interceptor.RemoveHeaderInterceptor;
import io.flumelab.core.interceptor.SearchAndReplaceInterceptor;
import io.flumelab.core.interceptor.StaticInterceptor;
import io.flumelab.core.interceptor.TimestampInterceptor;
import io.flumelab.core.interceptor.UuidInterceptor;
import io.flumelab.core.sink.DefaultSinkProcessor;
import io.flumelab.core.sink.FailoverSinkProcessor;
import io.flumelab.core.sink.LoadBalancingSinkProcessor;
import io.flumelab.core.sink.LoggerSink;
import io.flumelab.core.sink.NullSink;
import io.flumelab.core.sink.RollingFileSink;
import io.flumelab.core.source.SequenceGeneratorSource;
import io.flumelab.core.source.exec.ExecSource;
import io.flumelab.core.source.http.HttpSource;
import io.flumelab.core.source.netcat.NetcatSource;
import io.flumelab.core.source.netcatudp.NetcatUdpSource;
import io.flumelab.core.source.spooldir.SpoolDirectorySource;
import io.flumelab.core.source.taildir.TaildirSource;
import io.flumelab.core.spi.ComponentCatalog;
import io.flumelab.core.spi.ComponentSpec;
import java.util.List;

/** The component types of the core module; each is declared beside its class as {@code SPEC}. */
public final class BuiltinCatalog implements ComponentCatalog {

  @Override
  public List<ComponentSpec> specs() {
    return List.of(
        NetcatSource.SPEC, ExecSource.SPEC, SpoolDirectorySource.SPEC, SequenceGeneratorSource.SPEC,
        NetcatUdpSource.SPEC, TaildirSource.SPEC, HttpSource.SPEC,
        MemoryChannel.SPEC, ReplicatingChannelSelector.SPEC, MultiplexingChannelSelector.SPEC,
        LoggerSink.SPEC, NullSink.SPEC, RollingFileSink.SPEC,
        DefaultSinkProcessor.SPEC, FailoverSinkProcessor.SPEC, LoadBalancingSinkProcessor.SPEC,
        TimestampInterceptor.SPEC, HostInterceptor.SPEC, StaticInterceptor.SPEC,
        RemoveHeaderInterceptor.SPEC, UuidInterceptor.SPEC, SearchAndReplaceInterceptor.SPEC,
        RegexFilteringInterceptor.SPEC, RegexExtractorInterceptor.SPEC);
  }
}
