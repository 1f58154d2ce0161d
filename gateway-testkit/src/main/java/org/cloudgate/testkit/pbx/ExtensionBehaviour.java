package org.cloudgate.testkit.pbx;

import java.time.Duration;

/**
 * How a simulated extension takes an INVITE. Every answered call gets its own RTP echo
 * ({@link RtpEcho}), so media can be checked end to end.
 */
public enum ExtensionBehaviour {
    /** 180 Ringing, then 200 with SDP after the extension's delay. */
    ANSWER(Duration.ofMillis(500)),
    /** 200 with SDP at once, no ringing: the quickest way to a call with media. */
    ECHO(Duration.ZERO),
    /** 486 Busy Here (RFC 3261 section 21.4.24). */
    BUSY(Duration.ZERO),
    /**
     * 180 Ringing, then nothing: a CANCEL ends it with 487; after the extension's delay it gives up
     * with 480 Temporarily Unavailable (section 21.4.18). A zero delay waits for the CANCEL forever.
     */
    NO_ANSWER(Duration.ofSeconds(30)),
    /** 180 Ringing for the extension's delay, then 200 with SDP: a person who picks up late. */
    RING(Duration.ofSeconds(5));

    private final Duration defaultDelay;

    ExtensionBehaviour(Duration defaultDelay) {
        this.defaultDelay = defaultDelay;
    }

    /** The delay an extension with this behaviour gets when none is given. */
    public Duration defaultDelay() {
        return defaultDelay;
    }
}
