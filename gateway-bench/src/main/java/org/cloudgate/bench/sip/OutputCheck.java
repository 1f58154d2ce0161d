package org.cloudgate.bench.sip;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.cloudgate.sip.codec.SipDatagramFraming;
import org.cloudgate.sip.codec.SipDecoderConfig;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.NameAddress;
import org.cloudgate.sip.message.SipMessage;

/**
 * Checks that a benchmarked implementation produced the intended message: one From, carrying
 * the call-through URI with the original display name and tag; one Diversion on top; routing
 * headers and body unchanged; Content-Length right.
 */
final class OutputCheck {
    private static final String ORIGINAL_TAG = "8c1e5a7f";
    private static final String CALL_ID = "6f1d0c9e-3b5a-4e2f-9a8b-7c6d5e4f3a2b@192.0.2.10";

    private OutputCheck() {
    }

    static void verify(String implementation, String output) {
        ByteBuf octets = Unpooled.copiedBuffer(output, StandardCharsets.UTF_8);
        SipMessage message = new SipDatagramFraming(SipDecoderConfig.DEFAULTS).frame(octets).message();
        octets.release();
        try {
            require(implementation, message != null && message.rejection() == null, "output is a valid SIP message");
            require(implementation, message.headers(HeaderName.FROM).size() == 1, "exactly one From");
            NameAddress from = message.from();
            require(implementation, SipRewriteBenchmark.CALL_THROUGH_URI.equals(from.uri()), "From URI is the call-through number: " + from);
            require(implementation, ORIGINAL_TAG.equals(from.tag()), "From tag kept: " + from);
            require(implementation, from.displayName().contains("Alice Example"), "From display name kept: " + from);
            require(implementation, message.diversions().size() == 1
                    && "sip:4711@pbx.example.com".equals(message.diversions().get(0).uri())
                    && "unconditional".equals(message.diversions().get(0).param("reason")), "one Diversion added");
            require(implementation, CALL_ID.equals(message.callId()), "Call-ID kept");
            require(implementation, message.cseq().number() == 102, "CSeq kept");
            require(implementation, message.topVia().branch().startsWith("z9hG4bK-524287"), "Via kept");
            require(implementation, message.contentLength() == message.content().readableBytes()
                    && message.content().toString(StandardCharsets.UTF_8).startsWith("v=0\r\n")
                    && message.content().toString(StandardCharsets.UTF_8).endsWith("a=sendrecv\r\n"), "body kept");
        } finally {
            if (message != null) {
                message.release();
            }
        }
    }

    private static void require(String implementation, boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException(implementation + " did not do the benchmarked work: " + what);
        }
    }
}
