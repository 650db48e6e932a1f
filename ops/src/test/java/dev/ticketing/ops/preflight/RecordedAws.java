package dev.ticketing.ops.preflight;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS as recorded: a loopback HTTP server that answers the real SDK clients with stored responses
 * of the services {@code preflight} calls (CloudFormation's and SNS's XML, the others' JSON), so
 * that the adapter and the checks meet the payloads AWS sends. A request is named by its operation
 * and, where one function is asked about, that function's name; the answer is the first file of
 * {@code /preflight/<scenario>/} that matches, {@code <Operation>.<function>.json} before
 * {@code <Operation>.json}, the scenarios in the order given and the whole stack's recording
 * ({@code stack}) last. A {@code .headers} file beside a response adds its headers. A request
 * with nothing recorded for it is answered 400 and listed ({@link #unrecorded}).
 */
final class RecordedAws implements AutoCloseable {
  private static final Pattern FUNCTION = Pattern.compile("/2015-03-31/functions/([^/]+)/(aliases/[^/]+|configuration|invocations)");
  private final List<String> scenarios = new ArrayList<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<String> unrecorded = Collections.synchronizedList(new ArrayList<>());
  private final HttpServer server;

  RecordedAws(String... scenarios) {
    this.scenarios.addAll(List.of(scenarios));
    this.scenarios.add("stack");
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::answer);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every request, as {@code Operation subject body} (the body only for an invocation). */
  List<String> requests() {
    return List.copyOf(requests);
  }

  List<String> unrecorded() {
    return List.copyOf(unrecorded);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String[] named = name(exchange, body);
      String operation = named[0];
      String subject = named[1];
      requests.add(operation + (subject.isEmpty() ? "" : " " + subject)
          + (operation.equals("Invoke") ? " " + exchange.getRequestURI().getQuery() + " " + body : ""));
      Optional<String> file = recorded(operation, subject);
      if (file.isEmpty()) {
        unrecorded.add(operation + " " + subject);
        byte[] error = ("{\"__type\":\"Unrecorded\",\"message\":\"nothing recorded for " + operation + "\"}")
            .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(400, error.length);
        exchange.getResponseBody().write(error);
        return;
      }
      byte[] response = read(file.get()).orElseThrow();
      exchange.getResponseHeaders().add("Content-Type", file.get().endsWith(".xml") ? "text/xml"
          : operation.equals("DescribeTable") ? "application/x-amz-json-1.0" : "application/json");
      exchange.getResponseHeaders().add("x-amzn-RequestId", "c0ffee00-0000-4000-8000-000000000000");
      read(file.get().replaceFirst("\\.(json|xml)$", ".headers")).ifPresent(headers -> {
        for (String line : new String(headers, StandardCharsets.UTF_8).split("\n")) {
          if (line.contains(":")) {
            exchange.getResponseHeaders().add(line.substring(0, line.indexOf(':')).trim(),
                line.substring(line.indexOf(':') + 1).trim());
          }
        }
      });
      exchange.sendResponseHeaders(200, response.length);
      exchange.getResponseBody().write(response);
    }
  }

  /** The operation and the function (or page) it is about, from the protocol's way of naming it. */
  private static String[] name(HttpExchange exchange, String body) {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (target != null) {
      return new String[] {target.substring(target.lastIndexOf('.') + 1), ""};
    }
    String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
    if (contentType.startsWith("application/x-www-form-urlencoded")) {
      Map<String, String> form = new HashMap<>();
      for (String pair : body.split("&")) {
        String[] kv = pair.split("=", 2);
        form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
      return new String[] {form.getOrDefault("Action", "?"), form.containsKey("NextToken") ? "page2" : ""};
    }
    String path = exchange.getRequestURI().getPath();
    Matcher function = FUNCTION.matcher(path);
    if (function.matches()) {
      String what = function.group(2);
      String operation = what.startsWith("aliases/") ? "GetAlias" : what.equals("configuration") ? "GetFunctionConfiguration" : "Invoke";
      return new String[] {operation, function.group(1)};
    }
    if (path.startsWith("/2016-08-19/account-settings")) {
      return new String[] {"GetAccountSettings", ""};
    }
    if (path.matches("/v2/apis/[^/]+/stages/[^/]+")) {
      return new String[] {"GetStage", ""};
    }
    if (path.equals("/account")) {
      return new String[] {"GetAccount", ""};
    }
    return new String[] {exchange.getRequestMethod() + " " + path, ""};
  }

  private Optional<String> recorded(String operation, String subject) {
    for (String scenario : scenarios) {
      for (String name : subject.isEmpty() ? List.of(operation) : List.of(operation + "." + subject, operation)) {
        for (String extension : List.of(".json", ".xml")) {
          String file = "/preflight/" + scenario + "/" + name + extension;
          if (RecordedAws.class.getResource(file) != null) {
            return Optional.of(file);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<byte[]> read(String resource) {
    try (InputStream in = RecordedAws.class.getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
