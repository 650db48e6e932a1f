package dev.ticketing.local;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What error bodies and logs must never hold: a queue token's secret, an exception's name, a stack
 * frame (raw, or escaped inside a JSON log line).
 */
public final class LogRules {
  /** Secrets are 32 characters of base64url; a longer run is searched window by window. */
  private static final Pattern SECRET_LIKE = Pattern.compile("[A-Za-z0-9_-]{32,}");
  private static final List<String> FORBIDDEN = List.of("Exception", "\tat ", "\\tat ", "Caused by");

  private LogRules() {}

  /** One line per rule broken in {@code text} (at most one per rule), naming {@code where}; empty when clean. */
  public static List<String> violations(String where, String text, Collection<String> secrets) {
    List<String> found = new ArrayList<>();
    for (String forbidden : FORBIDDEN) {
      int at = text.indexOf(forbidden);
      if (at >= 0) {
        found.add(where + " contains '" + forbidden.replace("\t", "\\t") + "': ..." + around(text, at) + "...");
      }
    }
    Set<String> secretSet = secrets instanceof Set<String> set ? set : new HashSet<>(secrets);
    Matcher run = SECRET_LIKE.matcher(text);
    while (run.find()) {
      for (int start = run.start(); start + 32 <= run.end(); start++) {
        if (secretSet.contains(text.substring(start, start + 32))) {
          found.add(where + " contains a queue token's secret near ..." + around(text, start).replace(text.substring(start,
              start + 32), "<secret>") + "...");
          return found;
        }
      }
    }
    return found;
  }

  private static String around(String text, int at) {
    return text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 80));
  }
}
