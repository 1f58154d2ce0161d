package org.cloudgate.sip.auth;

import java.nio.charset.StandardCharsets;
import org.cloudgate.sip.codec.TestMessages;
import org.cloudgate.sip.message.SipMessage;
import org.cloudgate.sip.message.SipRequest;

/** REGISTER requests for the auth and registration tests, parsed by the real codec. */
public final class SipRequests {

    private SipRequests() {
    }

    /**
     * A REGISTER from {@code user}'s phone at 192.0.2.10 for {@code user}'s AOR, with the given
     * extra header lines (each ending in CRLF).
     */
    public static SipRequest register(String user, String callId, long cseq, String extraHeaders) {
        return (SipRequest) parse("REGISTER sip:gateway.example SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK" + callId + cseq + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@gateway.example>;tag=f" + cseq + "\r\n"
                + "To: <sip:" + user + "@gateway.example>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + extraHeaders
                + "Content-Length: 0\r\n\r\n");
    }

    /** Decodes {@code text}, which must be an acceptable message; the caller releases it. */
    public static SipMessage parse(String text) {
        SipMessage message = TestMessages.decode(text.getBytes(StandardCharsets.UTF_8));
        if (message.rejection() != null) {
            message.release();
            throw new IllegalArgumentException("test message is refused: " + text);
        }
        return message;
    }
}
