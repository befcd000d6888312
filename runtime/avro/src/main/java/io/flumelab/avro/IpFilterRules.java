package io.flumelab.avro;

import io.flumelab.api.ConfigurationException;
import io.netty.handler.ipfilter.IpFilterRule;
import io.netty.handler.ipfilter.IpFilterRuleType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Flume's {@code ipFilterRules}: comma-separated {@code allow|deny:ip|name:pattern} rules, where
 * {@code *} matches any characters and {@code ?} one. {@code ip} patterns match the client's
 * address ({@code 127.*}), {@code name} patterns its host name by reverse lookup; {@code
 * name:localhost} matches any loopback or own address without a lookup. The first rule that
 * matches decides; a client no rule matches is allowed, as in Flume.
 */
final class IpFilterRules {

  static final String KEY = "ipFilterRules";

  private IpFilterRules() {}

  static List<IpFilterRule> parse(String source, String rules) {
    List<IpFilterRule> parsed = new ArrayList<>();
    for (String text : rules.split(",")) {
      String rule = text.trim();
      if (!rule.isEmpty()) {
        parsed.add(parseRule(source, rule));
      }
    }
    if (parsed.isEmpty()) {
      throw invalid(source, rules, "it holds no rule");
    }
    return List.copyOf(parsed);
  }

  private static IpFilterRule parseRule(String source, String rule) {
    String[] parts = rule.split(":", 3);
    if (parts.length != 3 || parts[2].isEmpty()) {
      throw invalid(source, rule, "a rule has three parts separated by colons");
    }
    IpFilterRuleType type = switch (parts[0].trim().toLowerCase(Locale.ROOT)) {
      case "allow" -> IpFilterRuleType.ACCEPT;
      case "deny" -> IpFilterRuleType.REJECT;
      default -> throw invalid(source, rule, "'" + parts[0] + "' is neither allow nor deny");
    };
    String kind = parts[1].trim().toLowerCase(Locale.ROOT);
    String pattern = parts[2].trim();
    return switch (kind) {
      case "ip" -> new PatternRule(type, glob(pattern), false, false);
      case "name" -> pattern.equalsIgnoreCase("localhost")
          ? new PatternRule(type, null, true, false)
          : new PatternRule(type, glob(pattern), false, true);
      default -> throw invalid(source, rule, "'" + parts[1] + "' is neither ip nor name");
    };
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }

  private static ConfigurationException invalid(String source, String rule, String why) {
    return new ConfigurationException(KEY, "Avro source " + source + ": invalid ipFilterRules '"
        + rule + "': " + why,
        "Write rules as allow|deny:ip|name:pattern separated by commas, e.g. "
            + "allow:ip:127.*,deny:ip:*");
  }

  /** One rule; matches by address, by host name, or as "localhost". */
  private record PatternRule(IpFilterRuleType ruleType, Pattern pattern, boolean localhost,
      boolean byName) implements IpFilterRule {

    @Override
    public boolean matches(InetSocketAddress remote) {
      InetAddress address = remote.getAddress();
      if (localhost) {
        return address.isLoopbackAddress() || isThisHost(address);
      }
      String subject = byName ? address.getHostName() : address.getHostAddress();
      return pattern.matcher(subject).matches();
    }

    private static boolean isThisHost(InetAddress address) {
      try {
        return address.equals(InetAddress.getLocalHost());
      } catch (UnknownHostException e) {
        return false;
      }
    }
  }
}
