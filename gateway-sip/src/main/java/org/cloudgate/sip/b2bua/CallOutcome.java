package org.cloudgate.sip.b2bua;

/** How a call ended, the {@code outcome} tag of {@code cloudgate_calls_ended_total}. */
public enum CallOutcome {
    /** Answered, then hung up by either side. */
    COMPLETED("completed"),
    /** The caller gave up before an answer (CANCEL, RFC 3261 section 9). */
    CANCELLED("cancelled"),
    /** The callee was busy (486, 600). */
    BUSY("busy"),
    /** Nobody answered within the ring timeout, or the callee said so (408, 480). */
    NO_ANSWER("no-answer"),
    /** Refused by the gateway's own rules before any leg was placed. */
    REFUSED("refused"),
    /** Refused or failed by the callee side with another final response. */
    FAILED("failed"),
    /** Ended by the gateway: ACK never came, the maximum duration passed, or a leg stopped answering. */
    TERMINATED("terminated");

    private final String tag;

    CallOutcome(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** The outcome of a call that ended with final response {@code status} and no answer. */
    static CallOutcome ofFailure(int status) {
        return switch (status) {
            case 486, 600 -> BUSY;
            case 408, 480 -> NO_ANSWER;
            case 487 -> CANCELLED;
            default -> FAILED;
        };
    }
}
