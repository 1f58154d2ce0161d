package org.cloudgate.sip.transaction;

import java.util.concurrent.ThreadLocalRandom;

/** Via branch values unique in space and time, with the RFC 3261 section 8.1.1.7 magic cookie. */
public final class Branch {

    private Branch() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "z9hG4bK" + Long.toHexString(random.nextLong() & Long.MAX_VALUE)
                + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
    }
}
