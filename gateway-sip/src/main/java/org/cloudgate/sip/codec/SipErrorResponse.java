package org.cloudgate.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.ThreadLocalRandom;
import org.cloudgate.sip.message.BufferedSipMessage;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.NameAddress;
import org.cloudgate.sip.message.SipHead;
import org.cloudgate.sip.message.SipHeadParser;
import org.cloudgate.sip.message.SipRejection;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.wire.Octets;
import org.cloudgate.sip.wire.Utf8Text;

/**
 * Builds the response a UAS or the syntax layer sends without a transaction user: status line,
 * then Via, From, To, Call-ID and CSeq copied from the request, a To tag added when the request
 * had none, and an empty body (RFC 3261 section 8.2.6.2).
 */
public final class SipErrorResponse {
    private static final int UNLIMITED = Integer.MAX_VALUE / 4;
    private static final HeaderName[] COPIED = {
        HeaderName.VIA, HeaderName.FROM, HeaderName.TO, HeaderName.CALL_ID, HeaderName.CSEQ
    };

    private SipErrorResponse() {
    }

    /** The answer to a request the syntax layer refused: 400, 413 or 505 with the reason. */
    public static SipResponse forRejection(SipRequest request, SipRejection rejection) {
        return of(request, rejection.status(), rejection.reasonPhrase());
    }

    /** A response with {@code status} and {@code reasonPhrase} to {@code request}. */
    public static SipResponse of(SipRequest request, int status, String reasonPhrase) {
        ByteBuf buffer = Utf8Text.heapBuffer(text(request, status, reasonPhrase));
        Octets octets = Octets.of(buffer, buffer.writerIndex());
        SipHead head = new SipHeadParser(UNLIMITED, UNLIMITED, UNLIMITED).parse(octets, octets.length());
        return (SipResponse) BufferedSipMessage.create(buffer, octets, head, octets.length(), null);
    }

    /**
     * The octets of the same response in a buffer from {@code allocator}, for a sender that
     * never reads it back (the 100 Trying of every INVITE): nothing is parsed.
     */
    public static ByteBuf encode(SipRequest request, int status, String reasonPhrase, ByteBufAllocator allocator) {
        return Utf8Text.ioBuffer(text(request, status, reasonPhrase), allocator);
    }

    private static CharSequence text(SipRequest request, int status, String reasonPhrase) {
        StringBuilder text = new StringBuilder(512)
                .append("SIP/2.0 ").append(status).append(' ').append(reasonPhrase).append("\r\n");
        for (HeaderName name : COPIED) {
            for (String value : request.headers(name)) {
                text.append(name.canonical()).append(": ").append(value);
                if (name == HeaderName.TO && needsTag(request, status)) {
                    text.append(";tag=").append(Long.toHexString(ThreadLocalRandom.current().nextLong()));
                }
                text.append("\r\n");
            }
        }
        return text.append("Content-Length: 0\r\n\r\n");
    }

    /** A UAS adds a To tag to every response but 100 (RFC 3261 section 8.2.6.2). */
    private static boolean needsTag(SipRequest request, int status) {
        if (status == 100) {
            return false;
        }
        NameAddress to = request.to();
        return to == null || to.tag() == null;
    }
}
