package io.flumelab.harness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a lab's acceptance test class: methods may take {@link Agents}, and the class ends with a
 * points summary (see {@link Points}). Tests run in the order of their {@code @Order}, so the
 * summary reads like the lab's README.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith({AgentExtension.class, GradingExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public @interface LabTest {}
