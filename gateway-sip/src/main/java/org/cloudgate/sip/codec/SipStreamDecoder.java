package org.cloudgate.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.cloudgate.sip.message.SipHead;
import org.cloudgate.sip.message.SipMessage;
import org.cloudgate.sip.message.SipRejection;

/**
 * Decodes SIP messages from a TCP or TLS stream (RFC 3261 section 18.3): start line and
 * headers, then exactly Content-Length octets of body. Content-Length is mandatory on streams.
 *
 * <p>Between messages, CRLF is skipped (section 7.5) and a double CRLF keep-alive ping is
 * answered with a single CRLF pong (RFC 5626 section 3.5.1). After the gateway sent a ping of
 * its own ({@link #awaitPong}), the next lone CRLF is the peer's pong.
 *
 * <p>When framing is lost (a head that cannot be delimited, a missing or malformed
 * Content-Length, a limit exceeded) the message is emitted with a rejection whose
 * {@link SipRejection#losesFraming()} is set, so that a request can be answered 400/413, and
 * everything after it is discarded; the handler that answers closes the connection
 * ({@link SipRejectionResponder}). Octets that are not SIP close the connection at once.
 * Nothing is thrown. One instance per connection.
 */
public final class SipStreamDecoder extends ByteToMessageDecoder {
    private static final int PING_LENGTH = 4;
    private static final byte[] PONG = {'\r', '\n'};

    private enum State {
        /** Between messages: skipping CRLF, answering keep-alive pings. */
        SKIP_LINE_BREAKS,
        /** Reading the start line and header block. */
        READ_HEAD,
        /** Head read; waiting for Content-Length octets of body. */
        READ_BODY,
        /** Framing lost: everything is dropped until the connection closes. */
        DISCARD
    }

    private final SipFraming framing;
    private final SipCodecMetrics metrics;
    private final String transport;
    private final MalformedInputLog log = new MalformedInputLog();
    private State state = State.SKIP_LINE_BREAKS;
    private SipHead head;
    private int messageLength;
    /** How many octets of the current head were searched for its end, so no octet is searched twice. */
    private int headScanned;
    /** Whether the current head's start line was complete once, so non-SIP octets were caught early. */
    private boolean startLineSeen;
    /** Told of the pong to the ping the gateway sent on this connection, or {@code null}. */
    private Runnable pongListener;

    /**
     * @param transport {@code tcp} or {@code tls}, for metrics and logs
     */
    public SipStreamDecoder(SipDecoderConfig config, SipCodecMetrics metrics, String transport) {
        this.framing = new SipFraming(config);
        this.metrics = metrics;
        this.transport = transport;
    }

    /**
     * The gateway sent a keep-alive ping on this connection (RFC 5626 section 4.4.1): the next lone
     * CRLF between messages is the pong, and {@code onPong} runs when it arrives. Call on the
     * connection's event loop.
     */
    public void awaitPong(Runnable onPong) {
        pongListener = onPong;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        boolean progressed = true;
        while (progressed && in.isReadable() && out.isEmpty()) {
            progressed = switch (state) {
                case SKIP_LINE_BREAKS -> skipLineBreaks(ctx, in);
                case READ_HEAD -> readHead(ctx, in, out);
                case READ_BODY -> readBody(ctx, in, out);
                case DISCARD -> discard(in);
            };
        }
    }

    /** Returns {@code false} while waiting for the rest of a possible ping. */
    private boolean skipLineBreaks(ChannelHandlerContext ctx, ByteBuf in) {
        int start = in.readerIndex();
        if (in.readableBytes() >= PING_LENGTH && in.getInt(start) == 0x0D0A0D0A) {
            in.skipBytes(PING_LENGTH);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(PONG));
            return true;
        }
        int b = in.getByte(start);
        if (b != '\r' && b != '\n') {
            state = State.READ_HEAD;
            return true;
        }
        if (pongListener != null && in.readableBytes() >= 2 && in.getShort(start) == 0x0D0A) {
            in.skipBytes(2);
            Runnable listener = pongListener;
            pongListener = null;
            listener.run();
            return true;
        }
        if (in.readableBytes() < PING_LENGTH && isPingPrefix(in)) {
            return false;
        }
        in.skipBytes(b == '\r' && in.readableBytes() > 1 && in.getByte(start + 1) == '\n' ? 2 : 1);
        return true;
    }

    /** Whether the readable octets could still become a CRLFCRLF ping. */
    private static boolean isPingPrefix(ByteBuf in) {
        for (int i = 0; i < in.readableBytes(); i++) {
            if (in.getByte(in.readerIndex() + i) != (i % 2 == 0 ? '\r' : '\n')) {
                return false;
            }
        }
        return true;
    }

    /** Returns {@code false} while the head is incomplete. */
    private boolean readHead(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int available = in.readableBytes();
        if (!headMayBeComplete(in, available)) {
            return false;
        }
        SipHead parsed = framing.parse(in, in.readerIndex(), available);
        switch (parsed.outcome()) {
            case INCOMPLETE -> {
                return false;
            }
            case NOT_SIP -> {
                refuse(ctx, parsed.rejection());
                discard(in);
                ctx.close();
                return true;
            }
            case BROKEN -> {
                loseFraming(ctx, in, out, parsed, parsed.bodyStart(), parsed.rejection());
                return true;
            }
            default -> {
            }
        }
        long declared = SipFraming.contentLength(parsed);
        if (declared == SipFraming.ABSENT) {
            loseFraming(ctx, in, out, parsed, parsed.bodyStart(), SipRejection.MISSING_CONTENT_LENGTH);
        } else if (declared == SipFraming.MALFORMED) {
            loseFraming(ctx, in, out, parsed, parsed.bodyStart(), SipRejection.MALFORMED_CONTENT_LENGTH);
        } else if (declared > framing.config().maxBody()) {
            loseFraming(ctx, in, out, parsed, parsed.bodyStart(), SipRejection.BODY_TOO_LARGE);
        } else {
            head = parsed;
            messageLength = parsed.bodyStart() + (int) declared;
            state = State.READ_BODY;
            headScanned = 0;
            startLineSeen = false;
        }
        return true;
    }

    /**
     * Whether the empty line closing the head has arrived, or the head is already over its
     * limits; searches only octets not searched before, so a head trickling in byte by byte
     * costs linear time.
     */
    private boolean headMayBeComplete(ByteBuf in, int available) {
        SipDecoderConfig limits = framing.config();
        if (available > limits.maxStartLine() + limits.maxHeaderBlock() + 2) {
            return true;
        }
        int from = Math.max(0, headScanned - 2);
        int start = in.readerIndex();
        int lf = in.indexOf(start + from, start + available, (byte) '\n');
        if (!startLineSeen && lf >= 0) {
            startLineSeen = true;
            return true;
        }
        while (lf >= 0) {
            int next = lf + 1;
            if (next < start + available && in.getByte(next) == '\n') {
                return true;
            }
            if (next + 1 < start + available && in.getByte(next) == '\r' && in.getByte(next + 1) == '\n') {
                return true;
            }
            lf = in.indexOf(next, start + available, (byte) '\n');
        }
        headScanned = available;
        return false;
    }

    /** Returns {@code false} while the body is incomplete. */
    private boolean readBody(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < messageLength) {
            return false;
        }
        SipMessage message = SipFraming.toMessage(in, in.readerIndex(), messageLength, head, null);
        in.skipBytes(messageLength);
        head = null;
        state = State.SKIP_LINE_BREAKS;
        SipRejection rejection = message.rejection();
        if (rejection != null) {
            refuse(ctx, rejection);
        } else {
            metrics.decoded();
        }
        out.add(message);
        return true;
    }

    /**
     * Emits what was read with the failure (a request can still be answered) and discards the
     * rest of the stream; a response cannot be answered, so the connection closes now.
     */
    private void loseFraming(ChannelHandlerContext ctx, ByteBuf in, List<Object> out, SipHead parsed, int length,
                             SipRejection rejection) {
        SipMessage message = SipFraming.toMessage(in, in.readerIndex(), length, parsed, rejection);
        refuse(ctx, rejection);
        discard(in);
        if (message.isRequest()) {
            out.add(message);
        } else {
            message.release();
            ctx.close();
        }
    }

    private boolean discard(ByteBuf in) {
        in.skipBytes(in.readableBytes());
        state = State.DISCARD;
        return true;
    }

    private void refuse(ChannelHandlerContext ctx, SipRejection rejection) {
        metrics.rejected(rejection);
        log.refused(transport, ctx.channel().remoteAddress(), rejection);
    }
}
