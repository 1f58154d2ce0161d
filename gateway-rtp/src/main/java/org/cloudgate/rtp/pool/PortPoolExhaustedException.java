package org.cloudgate.rtp.pool;

/**
 * No port pair is free in the relay's range: every pair is in use or still in quarantine.
 * The call being set up is refused (the B2BUA answers 503, RFC 3261 section 21.5.4); calls
 * already relayed keep their ports.
 */
public final class PortPoolExhaustedException extends Exception {

    private final int inUse;
    private final int quarantined;

    public PortPoolExhaustedException(int inUse, int quarantined) {
        super("no free RTP port pair: " + inUse + " in use, " + quarantined + " in quarantine");
        this.inUse = inUse;
        this.quarantined = quarantined;
    }

    public int inUse() {
        return inUse;
    }

    public int quarantined() {
        return quarantined;
    }
}
