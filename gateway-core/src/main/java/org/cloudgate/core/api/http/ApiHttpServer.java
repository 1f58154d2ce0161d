package org.cloudgate.core.api.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;
import org.cloudgate.core.api.security.BearerTokens;
import org.cloudgate.core.config.ApiSettings;
import org.cloudgate.core.lifecycle.Component;
import org.cloudgate.core.lifecycle.ListenerBindException;
import org.cloudgate.core.lifecycle.Readiness;
import org.cloudgate.core.transport.EventLoops;
import org.cloudgate.sip.transport.IdleConnectionCloser;
import org.cloudgate.core.transport.ListenerUrl;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The northbound API listener on the daemon's event loops: HTTP/1.1 with keep-alive, optionally
 * over TLS, bodies up to the configured size (413 beyond), idle connections closed after a
 * minute. Token checks that need PBKDF2 run on one thread of their own with a short queue, so a
 * flood of forged tokens neither blocks an event loop nor queues without bound.
 *
 * <p>The pipeline is the one a WebSocket handshake expects (HTTP codec, then the aggregator),
 * so the event stream can take a connection over: the handshake replaces the codec and removes
 * the aggregator itself.
 */
public final class ApiHttpServer implements Component {

    static final String NAME = "api-http";
    private static final int IDLE_SECONDS = 60;
    private static final int VERIFIER_QUEUE = 32;
    private static final String IDLE = "idle";
    private static final String IDLE_CLOSER = "idle-closer";
    private static final IdleConnectionCloser IDLE_CLOSING = new IdleConnectionCloser();

    private final ApiSettings settings;
    private final String portLocation;
    private final EventLoops loops;
    private final Readiness readiness;
    private final Router router;
    private final ApiMetrics metrics;
    private final BiConsumer<ChannelHandlerContext, FullHttpRequest> eventStream;
    private ThreadPoolExecutor verifier;
    private volatile Channel channel;

    /**
     * @param portLocation where the port setting comes from, for the message when binding fails
     * @param eventStream  takes over connections for the event stream, or {@code null} when the
     *                     gateway has none (the route then answers 404)
     */
    public ApiHttpServer(ApiSettings settings, String portLocation, EventLoops loops, Router router, ApiMetrics metrics,
                         Readiness readiness, BiConsumer<ChannelHandlerContext, FullHttpRequest> eventStream) {
        this.settings = settings;
        this.portLocation = portLocation;
        this.loops = loops;
        this.router = router;
        this.metrics = metrics;
        this.readiness = readiness;
        this.eventStream = eventStream;
        readiness.report(NAME, false, "not bound yet");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() throws ListenerBindException {
        String address = settings.bind() + ":" + settings.port();
        SslContext tls;
        try {
            tls = settings.tls() ? SslContextBuilder.forServer(settings.certificate().orElseThrow().toFile(),
                    settings.key().orElseThrow().toFile()).build() : null;
        } catch (Exception | Error e) {
            readiness.report(NAME, false, "cannot use the TLS certificate");
            throw new ListenerBindException("the API listener", address, "cloudgate.api.port",
                    portLocation, new IllegalArgumentException("cannot use certificate " + settings.certificate()
                    .orElseThrow() + " and key " + settings.key().orElseThrow() + ": " + e.getMessage(), e));
        }
        verifier = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(VERIFIER_QUEUE), r -> {
            Thread thread = new Thread(r, "cloudgate-api-tokens");
            thread.setDaemon(true);
            return thread;
        });
        BearerTokens tokens = new BearerTokens(settings.tokens(), verifier, new SecureRandom(), System::nanoTime);
        ChannelInitializer<Channel> perConnection = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ChannelPipeline p = ch.pipeline();
                if (tls != null) {
                    p.addLast(tls.newHandler(ch.alloc()));
                }
                p.addLast(IDLE, new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
                        .addLast(IDLE_CLOSER, IDLE_CLOSING)
                        .addLast(new HttpServerCodec())
                        .addLast(new BodyLimit(settings.maxBody(), metrics))
                        .addLast(new ApiConnection(router, tokens, metrics, eventStream, () -> {
                            if (p.get(IDLE) != null) {
                                p.remove(IDLE);
                                p.remove(IDLE_CLOSER);
                            }
                        }));
            }
        };
        try {
            channel = loops.listen(settings.bind(), settings.port(), perConnection);
        } catch (Exception e) {
            verifier.shutdownNow();
            readiness.report(NAME, false, "cannot bind " + address);
            throw new ListenerBindException("the API listener", address, "cloudgate.api.port", portLocation, e);
        }
        readiness.report(NAME, true, listening().get(0));
    }

    @Override
    public List<String> listening() {
        return ListenerUrl.of(settings.tls() ? "https" : "http", channel);
    }

    @Override
    public void stop() {
        Channel ch = channel;
        if (ch != null) {
            ch.close().syncUninterruptibly();
            readiness.report(NAME, false, "closed");
        }
        if (verifier != null) {
            verifier.shutdownNow();
        }
    }

    /** Refuses a body over the limit with a 413 problem and closes the connection (RFC 9110 section 15.5.14). */
    private static final class BodyLimit extends HttpObjectAggregator {

        private final ApiMetrics metrics;

        BodyLimit(int maxBody, ApiMetrics metrics) {
            super(maxBody);
            this.metrics = metrics;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            Problem problem = Problem.of(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "body-too-large",
                    "the request body is larger than this API takes");
            metrics.rejection(problem.reason());
            if (oversized instanceof HttpRequest request) {
                metrics.request(ApiMetrics.UNMATCHED, request.method(), problem.status());
            }
            FullHttpResponse response = ApiConnection.problemResponse(HttpVersion.HTTP_1_1, problem);
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
