package io.flumelab.core.config;

/** Names one top-level component of an agent: what lenient mode drops when it is invalid. */
record ComponentRef(Role role, String name) {

  /** The four lists of an agent's configuration. */
  enum Role {
    SOURCE("source", "sources"),
    CHANNEL("channel", "channels"),
    SINK("sink", "sinks"),
    SINK_GROUP("sink group", "sinkgroups");

    private final String label;
    private final String listKey;

    Role(String label, String listKey) {
      this.label = label;
      this.listKey = listKey;
    }

    /** "source", "sink group": used in messages. */
    String label() {
      return label;
    }

    /** "sources", "sinkgroups": the key after the agent name. */
    String listKey() {
      return listKey;
    }

    static Role ofListKey(String key) {
      for (Role role : values()) {
        if (role.listKey.equals(key)) {
          return role;
        }
      }
      return null;
    }
  }

  /** "source 'r1'". */
  String describe() {
    return role.label() + " '" + name + "'";
  }
}
