package dev.ticketing.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.Module;
import dagger.Provides;
import dev.ticketing.json.JsonMapper;
import dev.ticketing.log.JsonLog;
import dev.ticketing.maintenance.MaintenanceRounds;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import javax.inject.Singleton;

@Module
public final class CoreModule {
  @Provides
  @Singleton
  static ObjectMapper objectMapper() {
    return JsonMapper.create();
  }

  /** Jitter and shards: each thread draws from its own generator (tests pass a seeded one). */
  @Provides
  static RandomGenerator random() {
    return () -> ThreadLocalRandom.current().nextLong();
  }

  @Provides
  static MaintenanceRounds.Pause pause() {
    return duration -> Thread.sleep(duration.toMillis());
  }

  @Provides
  @Singleton
  static JsonLog log(ObjectMapper json, Clock clock) {
    return new JsonLog(json, clock, System.out);
  }
}
