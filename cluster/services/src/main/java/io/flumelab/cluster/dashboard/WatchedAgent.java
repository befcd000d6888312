package io.flumelab.cluster.dashboard;

import io.flumelab.core.agent.AgentAnnouncement;
import java.time.Instant;

/**
 * An announced agent as the dashboard last saw it: running (its counters answer), not answering
 * (its process runs, its counters do not), or dead (its process is gone: killed, or crashed before
 * it could remove its announcement). The last two counter samples give the rates.
 */
final class WatchedAgent {

  enum State {
    RUNNING("running"), NOT_ANSWERING("not answering"), DEAD("dead");

    private final String text;

    State(String text) {
      this.text = text;
    }

    String text() {
      return text;
    }
  }

  private final AgentAnnouncement announcement;
  private State state = State.RUNNING;
  private String reason = "";
  private Instant since;
  private CounterSample previous;
  private CounterSample latest;

  WatchedAgent(AgentAnnouncement announcement, Instant now) {
    this.announcement = announcement;
    this.since = now;
  }

  AgentAnnouncement announcement() {
    return announcement;
  }

  State state() {
    return state;
  }

  String reason() {
    return reason;
  }

  /** Since when the agent is in its state. */
  Instant since() {
    return since;
  }

  CounterSample previous() {
    return previous;
  }

  CounterSample latest() {
    return latest;
  }

  void answered(CounterSample sample, Instant now) {
    previous = latest;
    latest = sample;
    enter(State.RUNNING, "", now);
  }

  void silent(String why, Instant now) {
    enter(State.NOT_ANSWERING, "its counters at " + announcement.metricsUrl() + " do not answer ("
        + why + ")", now);
  }

  void died(Instant now) {
    enter(State.DEAD, "process " + announcement.pid() + " is gone without a clean stop (killed?)",
        now);
  }

  private void enter(State next, String why, Instant now) {
    if (next != state) {
      since = now;
    }
    state = next;
    reason = why;
  }
}
