package org.cloudgate.sip.codec;

import io.netty.buffer.ByteBuf;
import org.cloudgate.sip.message.SipHead;
import org.cloudgate.sip.message.SipMessage;
import org.cloudgate.sip.message.SipRejection;

/**
 * Frames one datagram as one message (RFC 3261 section 18.3): the body is Content-Length
 * octets, trailing octets are ignored, and without Content-Length the body runs to the end
 * of the datagram. A Content-Length beyond the datagram is refused (RFC 4475 3.1.2.2).
 *
 * <p>Also used by {@code sip-check}, which treats each file as one datagram.
 */
public final class SipDatagramFraming {
    private final SipFraming framing;

    public SipDatagramFraming(SipDecoderConfig config) {
        this.framing = new SipFraming(config);
    }

    /** The outcome of framing one datagram. */
    public record Result(SipMessage message, SipRejection dropped) {
    }

    /**
     * Frames the readable octets of {@code datagram} (not consumed, not released).
     *
     * @return the message (possibly rejected), or only the reason it was dropped when no start
     *         line could be read; both {@code null} for an empty keep-alive datagram
     */
    public Result frame(ByteBuf datagram) {
        int offset = datagram.readerIndex();
        int end = datagram.writerIndex();
        if (isBlank(datagram, offset, end - offset)) {
            return new Result(null, null);
        }
        while (isLineBreak(datagram.getByte(offset))) {
            offset++;
        }
        int available = end - offset;
        SipHead head = framing.parse(datagram, offset, available);
        switch (head.outcome()) {
            case NOT_SIP:
                return new Result(null, head.rejection());
            case INCOMPLETE:
                if (!head.startLineRead()) {
                    return new Result(null, SipRejection.NOT_SIP);
                }
                return new Result(toMessage(datagram, offset, head.bodyStart(), head,
                        SipRejection.UNTERMINATED_HEADERS), null);
            case BROKEN:
                return new Result(toMessage(datagram, offset, head.bodyStart(), head, head.rejection()), null);
            default:
                return new Result(complete(datagram, offset, available, head), null);
        }
    }

    private SipMessage complete(ByteBuf datagram, int offset, int available, SipHead head) {
        long declared = SipFraming.contentLength(head);
        int bodyStart = head.bodyStart();
        if (declared == SipFraming.ABSENT) {
            return bodyLimited(datagram, offset, available, head, available - bodyStart);
        }
        if (declared == SipFraming.MALFORMED) {
            return toMessage(datagram, offset, bodyStart, head, SipRejection.MALFORMED_CONTENT_LENGTH);
        }
        if (bodyStart + declared > available) {
            return toMessage(datagram, offset, bodyStart, head, SipRejection.BODY_TRUNCATED);
        }
        return bodyLimited(datagram, offset, bodyStart + (int) declared, head, (int) declared);
    }

    private SipMessage bodyLimited(ByteBuf datagram, int offset, int length, SipHead head, int bodyLength) {
        if (bodyLength > framing.config().maxBody()) {
            return toMessage(datagram, offset, head.bodyStart(), head, SipRejection.BODY_TOO_LARGE);
        }
        return toMessage(datagram, offset, length, head, null);
    }

    /** The datagram's buffer does not move between parsing and framing: the head's octets serve the message. */
    private static SipMessage toMessage(ByteBuf datagram, int offset, int length, SipHead head, SipRejection failure) {
        return SipFraming.toMessage(datagram, offset, length, head, head.octets(), failure);
    }

    /** CRLF before the start line is ignored (RFC 3261 section 7.5). */
    private static boolean isLineBreak(int b) {
        return b == '\r' || b == '\n';
    }

    /** CR, LF and spaces only: a keep-alive, not a message (RFC 5626 section 3.5.1). */
    private static boolean isBlank(ByteBuf buf, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            int b = buf.getByte(i);
            if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
