package org.cloudgate.sip.registration;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationThrottleTest {

    private long now = 1_000;
    private final AuthenticationThrottle throttle = new AuthenticationThrottle(
            new AuthenticationThrottle.Limits(3, Duration.ofSeconds(60), Duration.ofSeconds(300)), () -> now);
    private final InetAddress guesser = InetAddress.getLoopbackAddress();

    private void advanceSeconds(long seconds) {
        now += Duration.ofSeconds(seconds).toNanos();
    }

    @Test
    void theFailureThatReachesTheLimitBlocksForTheBlockTime() {
        throttle.failed(guesser);
        throttle.failed(guesser);
        assertThat(throttle.blocked(guesser)).isFalse();

        throttle.failed(guesser);
        assertThat(throttle.blocked(guesser)).isTrue();
        advanceSeconds(299);
        assertThat(throttle.blocked(guesser)).isTrue();
        advanceSeconds(2);
        assertThat(throttle.blocked(guesser)).isFalse();
    }

    @Test
    void failuresSpreadBeyondTheWindowDoNotAddUp() {
        throttle.failed(guesser);
        throttle.failed(guesser);
        advanceSeconds(61);
        throttle.failed(guesser);
        throttle.failed(guesser);

        assertThat(throttle.blocked(guesser)).isFalse();
    }

    @Test
    void aSuccessForgivesEarlierFailures() {
        throttle.failed(guesser);
        throttle.failed(guesser);
        throttle.succeeded(guesser);
        throttle.failed(guesser);

        assertThat(throttle.blocked(guesser)).isFalse();
    }

    @Test
    void otherSourcesAreNotAffected() throws Exception {
        for (int i = 0; i < 3; i++) {
            throttle.failed(guesser);
        }

        assertThat(throttle.blocked(InetAddress.getByName("192.0.2.7"))).isFalse();
    }
}
