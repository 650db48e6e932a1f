package dev.ticketing.functions.template;

import dev.ticketing.engine.SamTemplate;
import dev.ticketing.engine.SamTemplate.Intrinsic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The DynamoDB part of a function's inline policy statements in template.yaml, evaluated the way
 * IAM evaluates them for the requests we make: an access is allowed when a statement names its
 * action and resource and, if the statement has a {@code ForAllValues:StringLike} condition on
 * {@code dynamodb:LeadingKeys}, its partition key matches one of the patterns.
 */
record FunctionPolicy(String function, List<Grant> grants) {

  /** One action on one resource, restricted to leading keys like {@code pattern} (empty: any key). */
  record Grant(String action, String resource, Optional<String> pattern) {
    boolean allows(TableAccess access) {
      return action.equals(access.action()) && resource.equals(access.resource())
          && pattern.map(p -> like(p, access.leadingKey())).orElse(true);
    }
  }

  static FunctionPolicy of(SamTemplate template, String function) {
    Map<String, Object> properties = map(map(template.resources().get(function)).get("Properties"));
    List<Grant> grants = new ArrayList<>();
    for (Object policy : list(properties.get("Policies"))) {
      for (Object statementValue : list(map(policy).get("Statement"))) {
        Map<String, Object> statement = map(statementValue);
        if (!"Allow".equals(statement.get("Effect"))) {
          throw new IllegalStateException(function + ": only Allow statements are evaluated here");
        }
        List<String> patterns = list(map(map(statement.get("Condition")).get("ForAllValues:StringLike"))
            .get("dynamodb:LeadingKeys")).stream().map(String::valueOf).toList();
        for (Object action : listOrOne(statement.get("Action"))) {
          if (!String.valueOf(action).startsWith("dynamodb:")) {
            continue;
          }
          for (Object resource : listOrOne(statement.get("Resource"))) {
            String onTable = tableResource(resource);
            if (patterns.isEmpty()) {
              grants.add(new Grant(String.valueOf(action), onTable, Optional.empty()));
            }
            patterns.forEach(p -> grants.add(new Grant(String.valueOf(action), onTable, Optional.of(p))));
          }
        }
      }
    }
    return new FunctionPolicy(function, List.copyOf(grants));
  }

  boolean allows(TableAccess access) {
    return grants.stream().anyMatch(grant -> grant.allows(access));
  }

  /** {@code !GetAtt ReservationsTable.Arn} is {@code table}; {@code !Sub ${ReservationsTable.Arn}/index/gsi1} is {@code index/gsi1}. */
  private static String tableResource(Object resource) {
    if (resource instanceof Intrinsic getAtt && getAtt.function().equals("GetAtt")
        && String.valueOf(getAtt.argument()).equals("ReservationsTable.Arn")) {
      return "table";
    }
    if (resource instanceof Intrinsic sub && sub.function().equals("Sub")
        && String.valueOf(sub.argument()).startsWith("${ReservationsTable.Arn}/")) {
      return String.valueOf(sub.argument()).substring("${ReservationsTable.Arn}/".length());
    }
    throw new IllegalStateException("a DynamoDB grant on something other than the table: " + resource);
  }

  /** IAM's StringLike: {@code *} any run of characters, {@code ?} one character. */
  static boolean like(String pattern, String value) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return value != null && value.matches(regex.toString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<Object> list(Object value) {
    return value instanceof List<?> l ? List.copyOf(l) : List.of();
  }

  private static List<Object> listOrOne(Object value) {
    return value instanceof List<?> l ? List.copyOf(l) : List.of(value);
  }
}
