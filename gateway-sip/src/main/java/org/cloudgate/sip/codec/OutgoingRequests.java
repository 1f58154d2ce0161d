package org.cloudgate.sip.codec;

import io.netty.buffer.ByteBuf;
import org.cloudgate.sip.message.SipMessage;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.wire.Utf8Text;

/**
 * Turns a request the gateway writes itself (ACK, CANCEL, REGISTER, OPTIONS probes) into a
 * message through the same parser as received ones, so it can be sent, kept for retransmission
 * and read like any other.
 */
public final class OutgoingRequests {

    private static final SipDatagramFraming FRAMING = new SipDatagramFraming(SipDecoderConfig.DEFAULTS);

    private OutgoingRequests() {
    }

    /**
     * @throws IllegalStateException when the text is not a request the syntax layer accepts: a
     *                               bug in the code that wrote it
     */
    public static SipRequest fromText(CharSequence text) {
        ByteBuf buffer = Utf8Text.heapBuffer(text);
        SipMessage message;
        try {
            message = FRAMING.frame(buffer).message();
        } finally {
            buffer.release();
        }
        if (message == null || message.rejection() != null || !message.isRequest()) {
            if (message != null) {
                message.release();
            }
            throw new IllegalStateException("the gateway wrote a request that does not parse: " + text);
        }
        return (SipRequest) message;
    }
}
