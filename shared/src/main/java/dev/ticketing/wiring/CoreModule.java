package dev.ticketing.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.Module;
import dagger.Provides;
import dev.ticketing.json.JsonMapper;
import dev.ticketing.log.JsonLog;
import java.time.Clock;
import javax.inject.Singleton;

@Module
public final class CoreModule {
  @Provides
  @Singleton
  static ObjectMapper objectMapper() {
    return JsonMapper.create();
  }

  @Provides
  @Singleton
  static JsonLog log(ObjectMapper json, Clock clock) {
    return new JsonLog(json, clock, System.out);
  }
}
