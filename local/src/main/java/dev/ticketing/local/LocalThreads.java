package dev.ticketing.local;

import java.util.UUID;
import java.util.concurrent.ThreadFactory;

/** Daemon threads, named for what they do, so the local runtime never keeps a JVM alive. */
final class LocalThreads {
  private LocalThreads() {}

  static ThreadFactory daemons(String prefix) {
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
      thread.setDaemon(true);
      return thread;
    };
  }
}
