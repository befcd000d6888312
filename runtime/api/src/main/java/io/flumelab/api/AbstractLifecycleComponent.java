package io.flumelab.api;

/**
 * Base of the named components the runtime starts and stops: holds the name and the lifecycle
 * state. Subclasses that need something before they can run check it in {@link #start()}, then
 * call {@code super.start()}.
 */
public abstract class AbstractLifecycleComponent implements LifecycleAware, NamedComponent {

  private volatile String name;
  private volatile LifecycleState lifecycleState = LifecycleState.IDLE;

  @Override
  public synchronized void start() {
    lifecycleState = LifecycleState.START;
  }

  @Override
  public synchronized void stop() {
    lifecycleState = LifecycleState.STOP;
  }

  @Override
  public LifecycleState getLifecycleState() {
    return lifecycleState;
  }

  @Override
  public void setName(String name) {
    this.name = name;
  }

  @Override
  public String getName() {
    return name;
  }
}
