package io.flumelab.harness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a lab test is worth when it passes; a parameterized or repeated test earns them once, when
 * every one of its invocations passed. The lab's README lists the same points (see
 * {@link ReadmePoints}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Points {
  int value();
}
