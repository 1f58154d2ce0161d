package org.cloudgate.core.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloudgate.core.config.EventStreamSettings;
import org.cloudgate.core.lifecycle.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the event stream ({@code GET /api/v1/events}) over WebSocket (RFC 6455) on a connection
 * the API server has already accepted and authenticated: {@link #upgrade} answers the opening
 * handshake, turns the channel from HTTP into WebSocket and attaches an
 * {@link EventStreamClient}, which sends one JSON text frame per event, starting after the id
 * the client names ({@code Last-Event-ID} header or {@code since} parameter) or with the next new
 * event, optionally only one user's ({@code user} parameter). The format and the resume rules
 * are in {@code docs/event-stream.md}.
 *
 * <p>Requests it cannot serve are answered in HTTP, before any handshake, with an RFC 9457
 * problem: 400 for a malformed start id, user or handshake, 405 for a method other than GET,
 * 426 for an unsupported WebSocket version, 503 when {@code max-clients} are connected. On {@link #stop} every client gets a
 * close frame with 1001 ("going away").
 */
public final class EventStreamEndpoint implements Component {

    static final String NAME = "event-stream";
    /** Clients send only control frames; a data frame larger than this is a protocol error (1009). */
    private static final int MAX_CLIENT_FRAME = 8 * 1024;
    private static final Logger log = LoggerFactory.getLogger(EventStreamEndpoint.class);

    private final EventJournal journal;
    private final EventStreamSettings settings;
    private final EventStreamMetrics metrics;
    private final AtomicInteger admitted = new AtomicInteger();
    private final Set<EventStreamClient> clients = ConcurrentHashMap.newKeySet();
    private final WebSocketDecoderConfig decoderConfig = WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(MAX_CLIENT_FRAME)
            .allowExtensions(false)
            .build();

    public EventStreamEndpoint(EventJournal journal, EventStreamSettings settings, MeterRegistry registry) {
        this.journal = journal;
        this.settings = settings;
        this.metrics = new EventStreamMetrics(registry, clients::size);
    }

    /** The journal the stream is served from. */
    public EventJournal journal() {
        return journal;
    }

    /** Clients connected now. */
    public int clientCount() {
        return clients.size();
    }

    /**
     * Turns an authenticated {@code GET} on the channel into an event stream. Call it on the
     * channel's event loop from the handler that read the request ({@code ctx}), which this
     * removes from the pipeline together with the HTTP aggregator; the HTTP codec is replaced by
     * the WebSocket frame codec once the handshake response is written. Handlers before the
     * caller stay: one that closes idle connections (a read timeout) would end quiet streams, and
     * should be removed first. The caller keeps ownership of {@code request} and releases it as
     * usual.
     */
    public void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
        Channel channel = ctx.channel();
        if (!channel.eventLoop().inEventLoop()) {
            throw new IllegalStateException("upgrade must run on the channel's event loop");
        }
        if (!HttpMethod.GET.equals(request.method())) {
            refuse(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "not_websocket",
                    "the event stream is opened with GET and a WebSocket handshake");
            return;
        }
        StreamRequest wanted = StreamRequest.of(request);
        if (wanted.problem() != null) {
            refuse(ctx, request, HttpResponseStatus.BAD_REQUEST, "bad_request", wanted.problem());
            return;
        }
        if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            refuse(ctx, request, HttpResponseStatus.BAD_REQUEST, "not_websocket",
                    "the event stream is a WebSocket: send 'Upgrade: websocket' (RFC 6455 section 4.1)");
            return;
        }
        String location = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(location, null, decoderConfig)
                .newHandshaker(request);
        if (handshaker == null) {
            metrics.refused("not_websocket");
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
            return;
        }
        if (admitted.incrementAndGet() > settings.maxClients()) {
            admitted.decrementAndGet();
            refuse(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, "too_many_clients",
                    settings.maxClients() + " event stream clients are connected, the most cloudgate.api.events."
                            + "max-clients allows");
            return;
        }
        EventStreamClient client = new EventStreamClient(journal, metrics, handshaker, wanted.after(), wanted.user());
        try {
            channel.config().setWriteBufferWaterMark(
                    new WriteBufferWaterMark(settings.sendBuffer() / 2, settings.sendBuffer()));
            long ping = settings.pingInterval().toMillis();
            channel.pipeline().addLast("event-stream-idle", new IdleStateHandler(ping, 0, 0, TimeUnit.MILLISECONDS));
            channel.pipeline().addLast("event-stream", client);
            // Known to stop() before the 101 leaves: a client that sees its handshake succeed is
            // told when the gateway goes away.
            clients.add(client);
            handshaker.handshake(channel, request).addListener(future -> {
                if (future.isSuccess()) {
                    channel.closeFuture().addListener(closed -> {
                        clients.remove(client);
                        admitted.decrementAndGet();
                    });
                    client.start();
                } else {
                    clients.remove(client);
                    admitted.decrementAndGet();
                    metrics.dropped("handshake_failed");
                    log.debug("event stream handshake with {} failed: {}", channel.remoteAddress(),
                            future.cause().toString());
                    channel.close();
                }
            });
        } catch (WebSocketServerHandshakeException e) {
            clients.remove(client);
            admitted.decrementAndGet();
            channel.pipeline().remove(client);
            channel.pipeline().remove("event-stream-idle");
            refuse(ctx, request, HttpResponseStatus.BAD_REQUEST, "bad_request", "WebSocket handshake refused: "
                    + e.getMessage());
            return;
        }
        if (!ctx.isRemoved()) {
            channel.pipeline().remove(ctx.name());
        }
    }

    private void refuse(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                        String reason, String detail) {
        metrics.refused(reason);
        byte[] body = EventJson.problem(status.code(), status.reasonPhrase(), detail);
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
        if (status == HttpResponseStatus.METHOD_NOT_ALLOWED) {
            // RFC 9110 section 15.5.6: a 405 lists the methods the resource takes.
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
        }
        HttpUtil.setContentLength(response, body.length);
        HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
        ctx.writeAndFlush(response);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Nothing to bind: the API server's listener accepts the connections. */
    @Override
    public void start() {
    }

    /** Tells every client the gateway is going away (close 1001), so that it reconnects and resumes later. */
    @Override
    public void stop() {
        for (EventStreamClient client : clients) {
            client.close(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "shutdown");
        }
    }
}
