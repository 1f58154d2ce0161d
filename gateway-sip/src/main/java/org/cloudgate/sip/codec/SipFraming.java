package org.cloudgate.sip.codec;

import io.netty.buffer.ByteBuf;
import org.cloudgate.sip.message.BufferedSipMessage;
import org.cloudgate.sip.message.HeaderIndex;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.SipHead;
import org.cloudgate.sip.message.SipHeadParser;
import org.cloudgate.sip.message.SipMessage;
import org.cloudgate.sip.message.SipRejection;
import org.cloudgate.sip.message.ValueScanner;
import org.cloudgate.sip.wire.Octets;

/**
 * What both framings share: the head parser configured from the limits, the Content-Length
 * rules, and turning a framed head into a message carrying the syntax layer's verdict.
 */
final class SipFraming {
    /** Content-Length header absent. */
    static final long ABSENT = -1;
    /** Content-Length not a number that fits (RFC 4475 3.1.2.3). */
    static final long MALFORMED = -2;

    private final SipDecoderConfig config;
    private final SipHeadParser parser;

    SipFraming(SipDecoderConfig config) {
        this.config = config;
        this.parser = new SipHeadParser(config.maxStartLine(), config.maxHeaderBlock(), config.maxHeaders());
    }

    SipDecoderConfig config() {
        return config;
    }

    /** Parses the head starting at {@code index} of {@code buf}; the head keeps an array view of those octets. */
    SipHead parse(ByteBuf buf, int index, int available) {
        return parser.parse(Octets.of(buf, index, available), available);
    }

    /** The first Content-Length value (RFC 3261 section 20.14), {@link #ABSENT} or {@link #MALFORMED}. */
    static long contentLength(SipHead head) {
        HeaderIndex index = head.headers();
        int header = index.next(HeaderName.CONTENT_LENGTH, 0);
        if (header < 0) {
            return ABSENT;
        }
        long length = ValueScanner.parseNumber(head.octets(), index.valueStart(header), index.valueEnd(header));
        return length < 0 || length > Integer.MAX_VALUE ? MALFORMED : length;
    }

    /**
     * Builds the message of {@code length} octets at {@code offset} of {@code source}, retaining
     * a slice of it. The syntax check runs unless the framing already failed. The octets are
     * viewed again, because a stream's cumulation buffer may have moved since its head was parsed.
     *
     * @param failure a framing or start-line failure, or {@code null}
     */
    static SipMessage toMessage(ByteBuf source, int offset, int length, SipHead head, SipRejection failure) {
        return toMessage(source, offset, length, head, null, failure);
    }

    /**
     * As {@link #toMessage(ByteBuf, int, int, SipHead, SipRejection)}, reusing the octets the head
     * was parsed from when {@code source} has not changed since: a datagram in a direct buffer is
     * then copied out once, not twice.
     *
     * @param parsed the head's octets ({@link SipHead#octets()}), or {@code null} to view them again
     */
    static SipMessage toMessage(ByteBuf source, int offset, int length, SipHead head, Octets parsed,
                                SipRejection failure) {
        ByteBuf slice = source.retainedSlice(offset, length);
        Octets octets = parsed != null ? parsed : Octets.of(slice, length);
        SipRejection rejection = failure != null ? failure : head.rejection();
        if (rejection == null) {
            rejection = MessageSyntax.check(octets, head);
        }
        return BufferedSipMessage.create(slice, octets, head, length, rejection);
    }
}
