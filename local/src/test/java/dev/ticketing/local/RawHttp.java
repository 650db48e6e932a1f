package dev.ticketing.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket to 127.0.0.1, one request per connection: the request is written
 * exactly as given (header values as UTF-8 bytes, repeated headers, any body), so a test can send
 * what a hostile client sends rather than what {@code java.net.http} lets through.
 */
final class RawHttp {
  private static final int TIMEOUT_MILLIS = 30_000;

  private RawHttp() {}

  record Header(String name, String value) {}

  /** {@code path} is the request target as sent: already percent-encoded where it has to be. */
  record Request(String method, String path, List<Header> headers, byte[] body) {
    Request {
      headers = List.copyOf(headers);
    }

    static Request of(String method, String path, Map<String, String> headers, String body) {
      List<Header> list = new ArrayList<>();
      headers.forEach((name, value) -> list.add(new Header(name, value)));
      return new Request(method, path, list, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    Request with(String name, String value) {
      List<Header> list = new ArrayList<>(headers);
      list.add(new Header(name, value));
      return new Request(method, path, list, body);
    }
  }

  record Response(int status, Map<String, List<String>> headers, String body, JsonNode json) {
    Optional<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    Response withJson(JsonNode parsed) {
      return new Response(status, headers, body, parsed);
    }
  }

  static Response send(int port, Request request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      line(head, request.method() + " " + request.path() + " HTTP/1.1");
      line(head, "Host: 127.0.0.1:" + port);
      line(head, "Connection: close");
      for (Header header : request.headers()) {
        line(head, header.name() + ": " + header.value());
      }
      if (request.body() != null) {
        line(head, "Content-Length: " + request.body().length);
      }
      line(head, "");
      try {
        out.write(head.toByteArray());
        if (request.body() != null) {
          out.write(request.body());
        }
        out.flush();
      } catch (IOException refusedEarly) {
        // The server may answer (and close) before reading a large body; its answer is still there to read.
      }
      return read(socket.getInputStream());
    }
  }

  private static void line(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(new byte[] {'\r', '\n'});
  }

  private static Response read(InputStream in) throws IOException {
    byte[] all = in.readAllBytes();
    int end = indexOf(all, new byte[] {'\r', '\n', '\r', '\n'});
    if (end < 0) {
      throw new IOException("no complete response head in " + all.length + " bytes");
    }
    String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status = Integer.parseInt(statusLine[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    int start = end + 4;
    int length = headers.containsKey("content-length")
        ? Integer.parseInt(headers.get("content-length").get(0)) : all.length - start;
    String body = new String(all, start, Math.min(length, all.length - start), StandardCharsets.UTF_8);
    return new Response(status, headers, body, null);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
