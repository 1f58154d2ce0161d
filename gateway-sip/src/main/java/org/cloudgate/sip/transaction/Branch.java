package org.cloudgate.sip.transaction;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Via branch values unique in space and time, with the RFC 3261 section 8.1.1.7 magic cookie.
 *
 * <p>Branches of requests the gateway sends also name the event loop whose transaction layer
 * sent them ({@code z9hG4bKcg<loop>-<random>}): a response may arrive on another loop's socket
 * (several sockets share a UDP port), and the loop in the branch is where it must go.
 */
public final class Branch {

    private static final String PREFIX = "z9hG4bKcg";

    private Branch() {
    }

    /** A branch that names no loop, for requests outside any transaction layer. */
    public static String next() {
        return "z9hG4bK" + random();
    }

    /** A branch of a request sent by the transaction layer of loop {@code loop}. */
    public static String forLoop(int loop) {
        return PREFIX + Integer.toHexString(loop) + "-" + random();
    }

    /** The loop named by a branch from {@link #forLoop}, or -1 for any other branch. */
    public static int loopOf(String branch) {
        return loopAfter(branch, PREFIX);
    }

    /**
     * The loop number written in hex between {@code prefix} and the next dash of {@code value}, or
     * -1 when {@code value} is not of that form.
     */
    static int loopAfter(String value, String prefix) {
        if (value == null || !value.startsWith(prefix)) {
            return -1;
        }
        int dash = value.indexOf('-', prefix.length());
        if (dash <= prefix.length() || dash - prefix.length() > 4) {
            return -1;
        }
        int loop = 0;
        for (int i = prefix.length(); i < dash; i++) {
            int digit = Character.digit(value.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            loop = loop * 16 + digit;
        }
        return loop;
    }

    static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong() & Long.MAX_VALUE) + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
    }
}
