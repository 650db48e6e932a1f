package dev.ticketing.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured logs: one JSON object per line on standard output, which Lambda's JSON log format
 * and CloudWatch Logs Insights read field by field. Never log a queue token or a request body.
 */
public final class JsonLog {
  private final ObjectMapper json;
  private final Clock clock;
  private final PrintStream out;

  public JsonLog(ObjectMapper json, Clock clock, PrintStream out) {
    this.json = json;
    this.clock = clock;
    this.out = out;
  }

  public void info(String message, Map<String, ?> fields) {
    write("INFO", message, fields);
  }

  public void warn(String message, Map<String, ?> fields) {
    write("WARN", message, fields);
  }

  public void error(String message, Map<String, ?> fields) {
    write("ERROR", message, fields);
  }

  private void write(String level, String message, Map<String, ?> fields) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("timestamp", clock.instant().toString());
    line.put("level", level);
    line.put("message", message);
    line.putAll(fields);
    try {
      out.println(json.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      out.println("{\"level\":\"ERROR\",\"message\":\"unloggable fields\"}");
    }
  }
}
