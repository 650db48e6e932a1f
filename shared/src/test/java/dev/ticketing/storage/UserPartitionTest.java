package dev.ticketing.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** User ids in keys: no separator from a user id, no two user ids in one partition, old ids unchanged. */
class UserPartitionTest {

  @Test
  void ids_of_the_old_shape_keep_their_partition() {
    assertThat(UserPartition.pk("user_1.a-b")).isEqualTo("USER#user_1.a-b");
    assertThat(UserPartition.pk("auth0|5fe4c2a1")).isEqualTo("USER#auth0|5fe4c2a1");
  }

  @Test
  void a_hash_in_a_user_id_never_reaches_a_key_as_a_separator() {
    for (String userId : List.of("alice#BALANCE", "#", "a#b#c", "USER#alice", "%23", "a%b")) {
      assertThat(UserPartition.keyPart(userId)).as(userId).doesNotContain("#");
      assertThat(UserPartition.pk(userId)).as(userId).startsWith(UserPartition.PREFIX)
          .satisfies(pk -> assertThat(pk.substring(UserPartition.PREFIX.length())).doesNotContain("#"));
    }
  }

  @Test
  void different_user_ids_get_different_partitions() {
    // Each pair would share a key if '#' or '%' went into keys as they are.
    List<String> ids = List.of("a#b", "a%23b", "a%2523b", "a%b", "a%25b", "alice", "alice#", "alice%23", "alice%");
    assertThat(ids.stream().map(UserPartition::pk).collect(Collectors.toSet())).hasSameSizeAs(ids);
  }
}
