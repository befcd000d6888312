package io.flumelab.core.config;

/** One key of the file, its value (variables substituted) and the line it starts on. */
public record Property(String key, String value, int line) {}
