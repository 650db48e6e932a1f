package dev.ticketing.local;

/**
 * What the JDK's HTTP server must do for a server people leave running. It reads these settings
 * once, when the JVM creates its first server, so they are set before that; a value given on
 * the command line ({@code -Dsun.net.httpserver...}) wins.
 */
final class JdkServerSettings {
  /**
   * A request must arrive whole (request line, headers, body) within this many seconds of its
   * first byte, or its connection is closed: a client sending a byte every few seconds no longer
   * holds a connection, and the thread reading it, for as long as it likes. A connection that
   * sends nothing at all is closed after the same time.
   */
  static final int REQUEST_SECONDS = 10;
  /** Open connections at most; the server closes any beyond them at once. */
  static final int MAX_CONNECTIONS = 1024;
  /**
   * What is left of a refused body is read off the connection and thrown away (through a small
   * buffer), up to API Gateway's own payload limit, so that a client still sending it reads its
   * 413 instead of a reset connection; past that the connection is closed.
   */
  static final int DISCARDED_BODY_BYTES = 10 * 1024 * 1024;

  private JdkServerSettings() {}

  static void apply() {
    // The JDK server writes a response's headers and body in two writes; with Nagle's algorithm
    // the body then waits for the client's delayed ACK, about 40 ms on Linux, on every request
    // (measured by the bench module).
    setIfAbsent("sun.net.httpserver.nodelay", "true");
    setIfAbsent("sun.net.httpserver.maxReqTime", String.valueOf(REQUEST_SECONDS));
    setIfAbsent("sun.net.httpserver.maxConnections", String.valueOf(MAX_CONNECTIONS));
    setIfAbsent("sun.net.httpserver.drainAmount", String.valueOf(DISCARDED_BODY_BYTES));
  }

  private static void setIfAbsent(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }
}
