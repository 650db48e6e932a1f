package dev.ticketing.local;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output while it is captured: what the local runtime logs ({@code JsonLog} writes to the
 * {@code System.out} of the moment the runtime starts, so start the runtime inside the capture).
 * Lines still reach the original stream unless {@code quiet}.
 */
public final class CapturedOutput implements AutoCloseable {
  private final PrintStream original;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  private CapturedOutput(boolean quiet) {
    this.original = System.out;
    OutputStream sink = new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (captured) {
          captured.write(b);
        }
        if (!quiet) {
          original.write(b);
        }
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        synchronized (captured) {
          captured.write(bytes, offset, length);
        }
        if (!quiet) {
          original.write(bytes, offset, length);
        }
      }
    };
    System.setOut(new PrintStream(sink, true, StandardCharsets.UTF_8));
  }

  public static CapturedOutput start() {
    return new CapturedOutput(false);
  }

  public static CapturedOutput quietly() {
    return new CapturedOutput(true);
  }

  /** The stream that was standard output before the capture. */
  public PrintStream original() {
    return original;
  }

  public String text() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.out.flush();
    System.setOut(original);
  }
}
