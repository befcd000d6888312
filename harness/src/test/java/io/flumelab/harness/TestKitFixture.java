package io.flumelab.harness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class that exists to be run by {@link GradingExtensionTest} through EngineTestKit, which
 * sets {@link #PARAMETER}. Surefire never picks it (it is a nested class without the Test suffix);
 * an IDE that runs the whole package finds it disabled rather than failing on purpose.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(TestKitFixture.OnlyUnderTestKit.class)
@interface TestKitFixture {

  String PARAMETER = "flumelab.harness.fixtures";

  final class OnlyUnderTestKit implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(PARAMETER).isPresent()
          ? ConditionEvaluationResult.enabled("run by GradingExtensionTest")
          : ConditionEvaluationResult.disabled("a fixture of GradingExtensionTest");
    }
  }
}
