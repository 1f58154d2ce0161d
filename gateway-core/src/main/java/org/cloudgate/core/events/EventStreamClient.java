package org.cloudgate.core.events;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket client of the event stream, at the end of its channel's pipeline once the
 * handshake is done. It keeps no queue of its own: the journal is the queue, and the client
 * only remembers the id it sent last. It sends while the channel is writable (the send buffer
 * below its high-water mark) and resumes when the channel becomes writable again, so a slow
 * reader costs at most its send buffer; if the journal drops events before they were sent, the
 * client gets a {@code gap} message and goes on with the oldest event left.
 *
 * <p>Frames from the client (RFC 6455 section 5.5): a ping is answered with a pong, a close with a
 * close, data frames with an {@code error} message (the stream takes no requests). A client
 * silent for a ping interval is pinged; silent for another, it is disconnected. Everything runs
 * on the channel's event loop, except {@link #scheduleSend}, which only schedules a send there.
 */
final class EventStreamClient extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(EventStreamClient.class);
    /** Events taken from the journal per read while the channel stays writable. */
    private static final int BATCH = 64;
    private static final byte[] NO_MESSAGES = EventJson.error(
            "the event stream takes no messages; choose a user with ?user= and a start with Last-Event-ID or ?since=");

    private final EventJournal journal;
    private final EventStreamMetrics metrics;
    private final WebSocketServerHandshaker handshaker;
    private final String user;
    private final AtomicBoolean sendScheduled = new AtomicBoolean();
    private ChannelHandlerContext ctx;
    private Channel channel;
    /** The id of the last event sent (or skipped by the user filter). */
    private long lastSent;
    /** Whether the next gap is the one of the resume itself rather than of falling behind. */
    private boolean resuming;
    private boolean streaming;
    private boolean pingOutstanding;
    private boolean sending;
    private boolean sendAgain;
    private EventJournal.Subscription subscription;

    /**
     * @param after the id the client saw last, or {@code null} to start with the next new event
     */
    EventStreamClient(EventJournal journal, EventStreamMetrics metrics, WebSocketServerHandshaker handshaker,
                      Long after, String user) {
        this.journal = journal;
        this.metrics = metrics;
        this.handshaker = handshaker;
        this.user = user;
        this.resuming = after != null;
        this.lastSent = after != null ? after : journal.latestId();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.channel = ctx.channel();
    }

    /** The handshake response went out: from now on events flow. On the event loop. */
    void start() {
        if (!channel.isActive()) {
            return;
        }
        streaming = true;
        subscription = journal.subscribe(this::scheduleSend);
        send();
    }

    /** Sends a close frame with {@code status} and closes the channel; any thread. */
    void close(WebSocketCloseStatus status, String dropReason) {
        channel.eventLoop().execute(() -> {
            if (channel.isActive()) {
                metrics.dropped(dropReason);
                channel.writeAndFlush(new CloseWebSocketFrame(status)).addListener(ChannelFutureListener.CLOSE);
            }
        });
    }

    /**
     * Schedules one send on this client's loop: called by the journal on the appending thread, and
     * when the channel becomes writable (not sending from there keeps a flush that drains the
     * buffer at once from re-entering {@link #send}).
     */
    private void scheduleSend() {
        if (sendScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::send);
        }
    }

    /** Sends what the journal holds after the last id sent, for as long as the channel takes it. */
    private void send() {
        sendScheduled.set(false);
        if (!streaming || !channel.isActive()) {
            return;
        }
        if (sending) {
            // Re-entered from a write (a pipeline that runs tasks inline): the running send goes on.
            sendAgain = true;
            return;
        }
        sending = true;
        try {
            sendWhileWritable();
        } finally {
            sending = false;
        }
        if (sendAgain) {
            sendAgain = false;
            scheduleSend();
        }
    }

    private void sendWhileWritable() {
        ChannelFuture last = null;
        while (channel.isWritable()) {
            JournalRead read = journal.since(lastSent, BATCH);
            if (read.gap() != null) {
                GapReason reason = resuming ? read.gap() : GapReason.FELL_BEHIND;
                metrics.gap(reason);
                long after = lastSent;
                lastSent = read.resumeAt() - 1;
                last = ctx.write(text(EventJson.gap(after, read.resumeAt(), journal.latestId(), reason)));
            }
            resuming = false;
            if (read.events().isEmpty()) {
                break;
            }
            for (StreamEvent event : read.events()) {
                lastSent = event.id();
                if (event.concerns(user)) {
                    last = ctx.write(text(event.json()));
                    if (!channel.isWritable()) {
                        break;
                    }
                }
            }
        }
        if (last != null) {
            ctx.flush();
            last.addListener(this::written);
        }
    }

    private void written(Future<? super Void> future) {
        if (!future.isSuccess() && channel.isActive()) {
            log.debug("event stream to {} failed: {}", channel.remoteAddress(), future.cause().toString());
            metrics.dropped("write_failed");
            channel.close();
        }
    }

    private static TextWebSocketFrame text(byte[] json) {
        return new TextWebSocketFrame(Unpooled.wrappedBuffer(json));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            scheduleSend();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        pingOutstanding = false;
        try {
            if (msg instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            } else if (msg instanceof CloseWebSocketFrame close) {
                // RFC 6455 section 5.5.1: answer the close, then the server closes the TCP connection.
                streaming = false;
                handshaker.close(ctx.channel(), close.retain());
            } else if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
                metrics.refused("client_message");
                ctx.writeAndFlush(text(NO_MESSAGES));
            }
            // Pongs only prove the client alive; continuation frames belong to a message already answered.
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            if (pingOutstanding) {
                log.debug("event stream client {} did not answer a ping; disconnecting", ctx.channel().remoteAddress());
                metrics.dropped("unresponsive");
                streaming = false;
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION, "no answer to ping"))
                        .addListener(ChannelFutureListener.CLOSE);
            } else {
                pingOutstanding = true;
                ctx.writeAndFlush(new PingWebSocketFrame());
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException) {
            // The frame decoder has already sent its close frame (RFC 6455 section 7.4.1, e.g. 1009).
            metrics.dropped("protocol_error");
            log.debug("event stream client {} broke the WebSocket protocol: {}", ctx.channel().remoteAddress(),
                    cause.getMessage());
        } else {
            metrics.dropped("connection_error");
            log.debug("event stream client {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        streaming = false;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        streaming = false;
        if (subscription != null) {
            subscription.close();
        }
        ctx.fireChannelInactive();
    }
}
