package dev.ticketing.bench.rush;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads from an update expression what it does to the index key {@code gsi1pk}: enough of the
 * grammar for the simple expressions this project writes ({@code SET a = :v, gsi1pk = :p},
 * {@code SET gsi1pk = if_not_exists(gsi1pk, :p)}, {@code REMOVE gsi1pk, gsi1sk}, {@code ADD n :one}).
 * Anything else that assigns {@code gsi1pk} is reported as an unparsed partition rather than guessed.
 */
final class UpdateExpressions {
  static final String UNPARSED = "(unparsed gsi1pk)";
  private static final Pattern CLAUSE = Pattern.compile("(?i)\\b(SET|REMOVE|ADD|DELETE)\\b");
  private static final Pattern IF_NOT_EXISTS = Pattern.compile("(?i)if_not_exists\\s*\\(\\s*(#?[A-Za-z0-9_]+)\\s*,\\s*(:[A-Za-z0-9_]+)\\s*\\)");

  /** The item's gsi1pk after the update, if it succeeds ({@code null}: not in the index). */
  record IndexKeyChange(String after) {}

  private UpdateExpressions() {}

  static IndexKeyChange indexKeyChange(String expression, Map<String, String> names, Map<String, AttributeValue> values,
      String before) {
    String after = before;
    if (expression == null) {
      return new IndexKeyChange(after);
    }
    for (Clause clause : clauses(expression)) {
      for (String action : topLevel(clause.body())) {
        switch (clause.keyword()) {
          case "SET" -> {
            int equals = action.indexOf('=');
            if (equals < 0 || !Footprint.INDEX_KEY.equals(name(action.substring(0, equals), names))) {
              continue;
            }
            String value = action.substring(equals + 1).trim();
            Matcher ifNotExists = IF_NOT_EXISTS.matcher(value);
            if (value.matches(":[A-Za-z0-9_]+")) {
              after = Footprint.string(values, value);
            } else if (ifNotExists.matches() && Footprint.INDEX_KEY.equals(name(ifNotExists.group(1), names))) {
              after = before != null ? before : Footprint.string(values, ifNotExists.group(2));
            } else {
              after = UNPARSED;
            }
          }
          case "REMOVE" -> {
            if (Footprint.INDEX_KEY.equals(name(action, names))) {
              after = null;
            }
          }
          default -> { }  // ADD and DELETE work on numbers and sets, never on a key attribute
        }
      }
    }
    return new IndexKeyChange(after);
  }

  private record Clause(String keyword, String body) {}

  private static List<Clause> clauses(String expression) {
    List<Clause> clauses = new ArrayList<>();
    Matcher m = CLAUSE.matcher(expression);
    List<int[]> starts = new ArrayList<>();
    while (m.find()) {
      if (depthAt(expression, m.start()) == 0) {
        starts.add(new int[] {m.start(), m.end()});
      }
    }
    for (int i = 0; i < starts.size(); i++) {
      int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : expression.length();
      clauses.add(new Clause(expression.substring(starts.get(i)[0], starts.get(i)[1]).toUpperCase(Locale.ROOT),
          expression.substring(starts.get(i)[1], end)));
    }
    return clauses;
  }

  /** The comma-separated actions of a clause, commas inside function calls left alone. */
  private static List<String> topLevel(String body) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(body.substring(start, i).trim());
        start = i + 1;
      }
    }
    parts.add(body.substring(start).trim());
    parts.removeIf(String::isEmpty);
    return parts;
  }

  private static int depthAt(String text, int index) {
    int depth = 0;
    for (int i = 0; i < index; i++) {
      depth += text.charAt(i) == '(' ? 1 : text.charAt(i) == ')' ? -1 : 0;
    }
    return depth;
  }

  private static String name(String path, Map<String, String> names) {
    String trimmed = path.trim();
    return trimmed.startsWith("#") && names != null ? names.getOrDefault(trimmed, trimmed) : trimmed;
  }
}
