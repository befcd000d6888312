package io.flumelab.core.config;

import static io.flumelab.core.config.ComponentKind.INTERCEPTOR;
import static io.flumelab.core.config.KeyType.BOOLEAN;

import java.util.List;

/** The built-in interceptor types. Only types whose class exists belong here. */
final class InterceptorTypes {

  private static final String FLUME = "org.apache.flume.interceptor.";
  private static final String OURS = "io.flumelab.core.interceptor.";

  private InterceptorTypes() {}

  static List<ComponentSpec> specs() {
    return List.of(
        ComponentSpec.builder(INTERCEPTOR, "timestamp", OURS + "TimestampInterceptor$Builder")
            .flumeClass(FLUME + "TimestampInterceptor$Builder")
            .key("headerName").key("preserveExisting", BOOLEAN)
            .build(),
        ComponentSpec.builder(INTERCEPTOR, "host", OURS + "HostInterceptor$Builder")
            .flumeClass(FLUME + "HostInterceptor$Builder")
            .key("hostHeader").key("useIP", BOOLEAN).key("preserveExisting", BOOLEAN)
            .build(),
        ComponentSpec.builder(INTERCEPTOR, "static", OURS + "StaticInterceptor$Builder")
            .flumeClass(FLUME + "StaticInterceptor$Builder")
            .key("key").key("value").key("preserveExisting", BOOLEAN)
            .build(),
        ComponentSpec.builder(INTERCEPTOR, "remove_header", OURS + "RemoveHeaderInterceptor$Builder")
            .flumeClass(FLUME + "RemoveHeaderInterceptor$Builder")
            .key("withName").key("fromList").key("fromListSeparator").key("matching")
            .build(),
        // Flume has no alias for it: its type is the class name of the morphline module's builder
        ComponentSpec.builder(INTERCEPTOR, "uuid", OURS + "UuidInterceptor$Builder")
            .flumeClass("org.apache.flume.sink.solr.morphline.UUIDInterceptor$Builder")
            .key("headerName").key("prefix").key("preserveExisting", BOOLEAN)
            .build(),
        // replaceString may be empty, so its presence is checked by the builder, not here
        ComponentSpec.builder(INTERCEPTOR, "search_replace", OURS + "SearchAndReplaceInterceptor$Builder")
            .flumeClass(FLUME + "SearchAndReplaceInterceptor$Builder")
            .required("searchPattern").key("replaceString").key("charset")
            .build(),
        ComponentSpec.builder(INTERCEPTOR, "regex_filter", OURS + "RegexFilteringInterceptor$Builder")
            .flumeClass(FLUME + "RegexFilteringInterceptor$Builder")
            .key("regex").key("excludeEvents", BOOLEAN)
            .build(),
        // serializers.<s>.* keys are checked by the builder, which knows the serializers' keys
        ComponentSpec.builder(INTERCEPTOR, "regex_extractor", OURS + "RegexExtractorInterceptor$Builder")
            .flumeClass(FLUME + "RegexExtractorInterceptor$Builder")
            .required("regex").required("serializers").passThrough("serializers.")
            .build());
  }
}
