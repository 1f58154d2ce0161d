package org.cloudgate.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.cloudgate.sip.check.Rfc4475Vectors;
import org.cloudgate.sip.message.SipMessage;

/** Test messages: decoded from resource vectors or inline text, as one datagram each. */
public final class TestMessages {
    private static final SipDatagramFraming FRAMING = new SipDatagramFraming(SipDecoderConfig.DEFAULTS);

    private TestMessages() {
    }

    /** The realistic INVITE with SDP the benchmarks use. */
    public static byte[] invite() {
        return Rfc4475Vectors.resource("/vectors/invite-sdp.dat");
    }

    public static byte[] rfc4475(String file) {
        return Rfc4475Vectors.resource("/rfc4475/" + file);
    }

    /** Lines joined with CRLF, a final empty line added. */
    public static byte[] lines(String... lines) {
        return (String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes one message; the caller releases it. */
    public static SipMessage decode(byte[] octets) {
        ByteBuf datagram = Unpooled.wrappedBuffer(octets);
        try {
            SipMessage message = FRAMING.frame(datagram).message();
            if (message == null) {
                throw new AssertionError("not SIP: " + new String(octets, StandardCharsets.UTF_8));
            }
            return message;
        } finally {
            datagram.release();
        }
    }

    public static String encodeToString(SipMessage message) {
        ByteBuf out = Unpooled.buffer();
        message.writeTo(out);
        String text = out.toString(StandardCharsets.UTF_8);
        out.release();
        return text;
    }
}
