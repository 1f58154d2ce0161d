package org.cloudgate.csta.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    @Test
    void doublesFromOneSecondToThirtyWithJitterAndResets() {
        ReconnectBackoff top = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.999999);
        long[] expected = {1000, 2000, 4000, 8000, 16000, 30000, 30000};
        for (long millis : expected) {
            assertThat(top.next().toMillis()).isBetween(millis - 1, millis);
        }
        ReconnectBackoff bottom = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.0);
        assertThat(bottom.next()).isEqualTo(Duration.ofMillis(500));
        assertThat(bottom.next()).isEqualTo(Duration.ofMillis(1000));
        bottom.reset();
        assertThat(bottom.next()).isEqualTo(Duration.ofMillis(500));
    }
}
