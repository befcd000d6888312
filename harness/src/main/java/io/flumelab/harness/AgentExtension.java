package io.flumelab.harness;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Gives a test method an {@link Agents} parameter and kills the agents it left running. */
public final class AgentExtension implements ParameterResolver, AfterEachCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(AgentExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Agents.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getStore(NAMESPACE).computeIfAbsent("agents", key -> new Agents(), Agents.class);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Agents agents = context.getStore(NAMESPACE).remove("agents", Agents.class);
    if (agents != null) {
      agents.close();
    }
  }
}
