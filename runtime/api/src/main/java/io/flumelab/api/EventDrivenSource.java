package io.flumelab.api;

/** A source that produces events on its own threads (a server, say) once started. */
public interface EventDrivenSource extends Source {}
