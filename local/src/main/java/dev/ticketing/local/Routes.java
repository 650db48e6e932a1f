package dev.ticketing.local;

import dev.ticketing.engine.SamTemplate.HttpRoute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The template's HttpApi routes, matched the way API Gateway matches them. */
final class Routes<T> {

  record Match<T>(HttpRoute route, T target, Map<String, String> pathParameters) {}

  private record Entry<T>(HttpRoute route, Pattern pattern, List<String> names, T target, int literalLength) {}

  private final List<Entry<T>> entries = new ArrayList<>();

  void add(HttpRoute route, T target) {
    List<String> names = new ArrayList<>();
    StringBuilder regex = new StringBuilder();
    int literalLength = 0;
    for (String segment : route.path().split("/", -1)) {
      if (segment.isEmpty()) {
        continue;
      }
      regex.append('/');
      if (segment.startsWith("{") && segment.endsWith("}")) {
        String name = segment.substring(1, segment.length() - 1);
        if (name.endsWith("+")) {
          names.add(name.substring(0, name.length() - 1));
          regex.append("(.+)");
        } else {
          names.add(name);
          regex.append("([^/]+)");
        }
      } else {
        regex.append(Pattern.quote(segment));
        literalLength += segment.length();
      }
    }
    entries.add(new Entry<>(route, Pattern.compile(regex.length() == 0 ? "/" : regex.toString()), names, target, literalLength));
    // The most specific route wins, as in API Gateway: more literal text first.
    entries.sort((a, b) -> Integer.compare(b.literalLength(), a.literalLength()));
  }

  /** The route for a method and a decoded path, with its path parameters. */
  Optional<Match<T>> match(String method, String path) {
    for (Entry<T> entry : entries) {
      if (!entry.route().method().equals(method) && !entry.route().method().equals("ANY")) {
        continue;
      }
      Matcher matcher = entry.pattern().matcher(path);
      if (matcher.matches()) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < entry.names().size(); i++) {
          parameters.put(entry.names().get(i), matcher.group(i + 1));
        }
        return Optional.of(new Match<>(entry.route(), entry.target(), parameters));
      }
    }
    return Optional.empty();
  }

  List<HttpRoute> all() {
    return entries.stream().map(Entry::route).toList();
  }
}
