package dev.ticketing.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.Module;
import dagger.Provides;
import dev.ticketing.domain.InstanceRandom;
import dev.ticketing.json.JsonMapper;
import dev.ticketing.log.JsonLog;
import dev.ticketing.maintenance.MaintenanceRounds;
import java.time.Clock;
import java.util.random.RandomGenerator;
import javax.inject.Singleton;

@Module
public final class CoreModule {
  @Provides
  @Singleton
  static ObjectMapper objectMapper() {
    return JsonMapper.create();
  }

  /** The graph's one source of shards, replicas and jitter: the functions' SnapStart hooks reseed this instance. */
  @Provides
  @Singleton
  static InstanceRandom instanceRandom() {
    return new InstanceRandom();
  }

  /** What stores and pacing draw from (their tests pass a seeded generator instead). */
  @Provides
  static RandomGenerator random(InstanceRandom random) {
    return random;
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
