package org.cloudgate.sip.transaction;

import java.time.Duration;

/**
 * The transaction timers of RFC 3261 section 17 (table 4), derived from T1, T2 and T4.
 * Durations are in milliseconds; timers that exist only to absorb retransmissions are zero
 * over reliable transports.
 *
 * @param t1 round-trip estimate, 500 ms by default
 * @param t2 longest retransmit interval of non-INVITE requests and INVITE responses, 4 s
 * @param t4 longest time a message stays in the network, 5 s
 */
public record TransactionTimers(Duration t1, Duration t2, Duration t4) {

    public static final TransactionTimers RFC_3261 =
            new TransactionTimers(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5));

    public TransactionTimers {
        if (t1.isNegative() || t1.isZero() || t2.compareTo(t1) < 0 || t4.isNegative()) {
            throw new IllegalArgumentException("need 0 < T1 <= T2 and T4 >= 0: " + t1 + ", " + t2 + ", " + t4);
        }
    }

    /** Timer A (first INVITE retransmission) and E and G (first retransmission intervals). */
    public long t1Millis() {
        return t1.toMillis();
    }

    public long t2Millis() {
        return t2.toMillis();
    }

    /** Timers B, F, H, J (unreliable), L and M: 64*T1. */
    public long transactionTimeout() {
        return 64 * t1.toMillis();
    }

    /** Timer D: wait for response retransmissions after a non-2xx final, at least 32 s on UDP. */
    long timerD(boolean reliable) {
        return reliable ? 0 : Math.max(32_000, transactionTimeout());
    }

    /** Timers I and K: T4 on unreliable transports, zero otherwise. */
    long timerIK(boolean reliable) {
        return reliable ? 0 : t4.toMillis();
    }

    /** Timer J: 64*T1 on unreliable transports, zero otherwise. */
    long timerJ(boolean reliable) {
        return reliable ? 0 : transactionTimeout();
    }
}
