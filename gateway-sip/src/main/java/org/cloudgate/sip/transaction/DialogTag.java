package org.cloudgate.sip.transaction;

/**
 * Tags the gateway writes into the From or To of its own dialogs (RFC 3261 section 19.3). Like
 * {@link Branch}, a tag names the event loop that owns the dialog ({@code cg<loop>-<random>}):
 * a request inside the dialog carries the tag in its To header and may arrive on another loop's
 * socket; the loop in the tag is where it must go.
 */
public final class DialogTag {

    private static final String PREFIX = "cg";

    private DialogTag() {
    }

    /** A tag for a dialog owned by loop {@code loop}. */
    public static String forLoop(int loop) {
        return PREFIX + Integer.toHexString(loop) + "-" + Branch.random();
    }

    /** The loop named by a tag from {@link #forLoop}, or -1 for any other tag. */
    public static int loopOf(String tag) {
        return Branch.loopAfter(tag, PREFIX);
    }
}
