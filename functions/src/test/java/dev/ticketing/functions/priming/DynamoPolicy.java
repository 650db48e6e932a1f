package dev.ticketing.functions.priming;

import dev.ticketing.engine.SamTemplate.Intrinsic;
import dev.ticketing.engine.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A function's DynamoDB permissions as template.yaml grants them (its inline policy statements),
 * and whether a request is inside them: the action, the table or its index, and every leading
 * key matching one of the statement's {@code dynamodb:LeadingKeys} patterns when it has any.
 */
record DynamoPolicy(String function, List<Grant> grants) {

  /** One Allow statement: its actions, whether it is on the index, its leading-key patterns (empty: any key). */
  record Grant(Set<String> actions, boolean onIndex, List<Pattern> leadingKeys) {
    boolean allows(DynamoRequest request) {
      return actions.contains(request.action()) && onIndex == request.onIndex()
          && (leadingKeys.isEmpty() || leadingKeys.stream().anyMatch(p -> p.matcher(request.leadingKey()).matches()));
    }
  }

  /** What one DynamoDB request needs: an action, on the table or the index, for one leading key. */
  record DynamoRequest(String action, boolean onIndex, String leadingKey) {
    @Override
    public String toString() {
      return action + (onIndex ? " (index)" : "") + " " + leadingKey;
    }
  }

  static DynamoPolicy of(SamTemplate template, String logicalId) {
    Map<String, Object> properties = map(map(template.resources().get(logicalId)).get("Properties"));
    List<Grant> grants = new ArrayList<>();
    for (Object policy : list(properties.get("Policies"))) {
      Object statements = map(policy).get("Statement");
      if (statements == null) {
        throw new AssertionError(logicalId + ": a policy this test does not read (only inline Statement lists): " + policy);
      }
      for (Object value : list(statements)) {
        Map<String, Object> statement = map(value);
        if (!"Allow".equals(statement.get("Effect"))) {
          continue;
        }
        Set<String> actions = Set.copyOf(list(statement.get("Action")).stream().map(String::valueOf).toList());
        boolean onIndex = list(statement.get("Resource")).stream().anyMatch(r -> resource(r).contains("/index/"));
        List<Pattern> leadingKeys = list(map(map(statement.get("Condition")).get("ForAllValues:StringLike"))
            .get("dynamodb:LeadingKeys")).stream().map(p -> glob(String.valueOf(p))).toList();
        grants.add(new Grant(actions, onIndex, leadingKeys));
      }
    }
    return new DynamoPolicy(logicalId, List.copyOf(grants));
  }

  boolean allows(DynamoRequest request) {
    return grants.stream().anyMatch(grant -> grant.allows(request));
  }

  private static String resource(Object value) {
    return value instanceof Intrinsic intrinsic ? String.valueOf(intrinsic.argument()) : String.valueOf(value);
  }

  /** IAM's StringLike: {@code *} any run of characters, {@code ?} any one. */
  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<?> list(Object value) {
    return value == null ? List.of() : value instanceof List<?> l ? l : List.of(value);
  }
}
