package org.cloudgate.sip.b2bua;

import io.netty.buffer.ByteBuf;

import java.util.function.Consumer;

/**
 * What happens to the session descriptions of one call (RFC 3264 offer and answer) on their way
 * between the two legs: passed through unchanged, or rewritten to a media relay ("indirect
 * switching"). The B2BUA calls it on the call's event loop, for every body it relays, and closes
 * it once when the call ends.
 */
public interface CallMedia {

    /** SDP passes unchanged; nothing to close. */
    CallMedia PASS_THROUGH = new CallMedia() {
        @Override
        public ByteBuf towardCallee(ByteBuf sdp) {
            return null;
        }

        @Override
        public ByteBuf towardCaller(ByteBuf sdp) {
            return null;
        }

        @Override
        public void close() {
        }
    };

    /**
     * A body from the caller's side on its way to the callee's (an offer in the INVITE, or any
     * later offer or answer).
     *
     * @param sdp the received body, valid during the call only
     * @return the body to send instead (ownership passes to the caller), or {@code null} to send
     *         it unchanged
     * @throws MediaRefusedException when the description cannot be carried (RFC 3261 488)
     */
    ByteBuf towardCallee(ByteBuf sdp);

    /** As {@link #towardCallee}, for a body from the callee's side on its way to the caller's. */
    ByteBuf towardCaller(ByteBuf sdp);

    /**
     * The call was answered. {@code hangUp} ends it from any thread, with BYE on both legs and the
     * reason given (RFC 3326): for media that decides the call is over, e.g. silent RTP.
     */
    default void answered(Consumer<String> hangUp) {
    }

    /** The call ended: release what it holds. */
    void close();
}
