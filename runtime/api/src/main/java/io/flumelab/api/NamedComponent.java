package io.flumelab.api;

/** A component known by the name the configuration gave it, such as {@code r1}. */
public interface NamedComponent {

  void setName(String name);

  String getName();
}
