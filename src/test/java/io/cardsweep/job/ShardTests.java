package io.cardsweep.job;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardTests {

    @Test
    void givesEveryCardToExactlyOneShardAndSpreadsThem() {
        // given
        Shard[] shards = {new Shard(0, 3), new Shard(1, 3), new Shard(2, 3)};
        int[] taken = new int[3];

        // when
        for (int i = 0; i < 3_000; i++) {
            String card = UUID.nameUUIDFromBytes(("card" + i).getBytes()).toString();
            int owners = 0;
            for (int s = 0; s < shards.length; s++) {
                if (shards[s].takes(card)) {
                    owners++;
                    taken[s]++;
                }
            }
            assertThat(owners).isEqualTo(1);
        }

        // then
        for (int n : taken) {
            assertThat(n).isBetween(850, 1_150);
        }
    }

    @Test
    void sendsRowsWithoutACardIdToShardZero() {
        assertThat(new Shard(0, 2).takes(null)).isTrue();
        assertThat(new Shard(1, 2).takes("  ")).isFalse();
        assertThat(Shard.WHOLE.takes("anything")).isTrue();
    }

    @Test
    void parsesIndexOverCountAndRefusesAnythingElse() {
        assertThat(Shard.parse("1/4")).isEqualTo(new Shard(1, 4));
        assertThatThrownBy(() -> Shard.parse("4/4")).hasMessageContaining("0 <= index < count");
        assertThatThrownBy(() -> Shard.parse("one of two")).hasMessageContaining("such as 0/2");
    }
}
