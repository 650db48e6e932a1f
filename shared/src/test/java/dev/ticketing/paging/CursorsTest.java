package dev.ticketing.paging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.domain.Ids;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CursorsTest {

  @Test
  void a_cursor_round_trips_to_its_position() {
    assertThat(Cursors.decode(Cursors.encode("winter-gala"), Ids::isValid)).contains("winter-gala");
  }

  @Test
  void tampered_cursors_decode_to_nothing() {
    String forged = Base64.getUrlEncoder().encodeToString("v1:CONCERT#x\u0000".getBytes(StandardCharsets.UTF_8));
    assertThat(Cursors.decode(forged, Ids::isValid)).isEqualTo(Optional.empty());
    assertThat(Cursors.decode("not base64 !!", Ids::isValid)).isEmpty();
    assertThat(Cursors.decode(Base64.getUrlEncoder().encodeToString("v2:abc".getBytes(StandardCharsets.UTF_8)), Ids::isValid)).isEmpty();
    assertThat(Cursors.decode("A".repeat(10_000), Ids::isValid)).isEmpty();
  }
}
