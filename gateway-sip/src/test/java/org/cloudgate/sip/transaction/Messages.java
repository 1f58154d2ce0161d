package org.cloudgate.sip.transaction;

import io.netty.buffer.Unpooled;
import io.netty.util.CharsetUtil;
import org.cloudgate.sip.codec.SipDatagramFraming;
import org.cloudgate.sip.codec.SipDecoderConfig;
import org.cloudgate.sip.message.SipMessage;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;

/** SIP messages for the transaction tests, parsed by the real codec. */
final class Messages {

    private static final SipDatagramFraming FRAMING = new SipDatagramFraming(SipDecoderConfig.DEFAULTS);

    private Messages() {
    }

    static SipRequest request(String method, String branch, String toTag, long cseq, String fromTag) {
        return (SipRequest) parse(method + " sip:bob@192.0.2.20 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@192.0.2.10>;tag=" + fromTag + "\r\n"
                + "To: <sip:bob@192.0.2.20>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                + "Call-ID: call-1@192.0.2.10\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:alice@192.0.2.10:5060>\r\n"
                + "Content-Length: 0\r\n\r\n");
    }

    static SipRequest invite(String branch) {
        return request("INVITE", branch, null, 1, "a1");
    }

    static SipResponse response(int status, String reason, String method, String branch, String toTag) {
        return (SipResponse) parse("SIP/2.0 " + status + " " + reason + "\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=" + branch + "\r\n"
                + "From: <sip:alice@192.0.2.10>;tag=a1\r\n"
                + "To: <sip:bob@192.0.2.20>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                + "Call-ID: call-1@192.0.2.10\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n");
    }

    static SipMessage parse(String text) {
        var buffer = Unpooled.copiedBuffer(text, CharsetUtil.UTF_8);
        try {
            SipMessage message = FRAMING.frame(buffer).message();
            if (message == null || message.rejection() != null) {
                throw new IllegalArgumentException("test message does not parse: " + text);
            }
            return message;
        } finally {
            buffer.release();
        }
    }
}
