package org.cloudgate.core.api.http;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import org.cloudgate.core.api.security.Scope;
import org.cloudgate.core.api.security.TokenHash;
import org.cloudgate.core.config.ApiSettings;
import org.cloudgate.core.config.ApiTokenSettings;
import org.cloudgate.core.config.EventLoopSettings;
import org.cloudgate.core.lifecycle.Readiness;
import org.cloudgate.core.transport.EventLoops;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The API listener hands an authorised {@code GET /api/v1/events} to the event stream on a real
 * socket, and a WebSocket handshake takes the connection over: the stream's frames reach the
 * client and the client's reach the stream through the API's pipeline.
 */
@Timeout(60)
class ApiHttpServerIT {

    private static final String TOKEN = "websocket-reader-0123456789";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventLoops loops = EventLoops.start(new EventLoopSettings(1, false));
    private ApiHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        loops.shutdown(Duration.ofSeconds(2));
    }

    /** A stand-in for the event stream: the WebSocket handshake (RFC 6455 section 4.2), then an echo. */
    private static void echoStream(ChannelHandlerContext ctx, FullHttpRequest request) {
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                "ws://" + request.headers().get("Host") + request.uri(), null, false).newHandshaker(request);
        ctx.pipeline().addLast(new SimpleChannelInboundHandler<TextWebSocketFrame>() {
            @Override
            protected void channelRead0(ChannelHandlerContext c, TextWebSocketFrame frame) {
                c.writeAndFlush(new TextWebSocketFrame("echo:" + frame.text()));
            }
        });
        handshaker.handshake(ctx.channel(), request).addListener(done ->
                ctx.channel().writeAndFlush(new TextWebSocketFrame("hello")));
    }

    @Test
    void anAuthorisedEventStreamRequestBecomesAWebSocket() throws Exception {
        ApiTokenSettings token = new ApiTokenSettings("reader",
                TokenHash.create(TOKEN, TokenHash.MIN_ITERATIONS, new SecureRandom()), Scope.READ, 100, 100);
        ApiSettings settings = new ApiSettings(true, "127.0.0.1", 0, Optional.empty(), Optional.empty(), 16 * 1024,
                List.of(token));
        server = new ApiHttpServer(settings, "test", loops, new Router(List.of(
                Route.eventStream("/api/v1/events", Scope.READ))), new ApiMetrics(registry),
                new Readiness(registry), ApiHttpServerIT::echoStream);
        server.start();
        URI events = URI.create(server.listening().get(0).replace("http:", "ws:") + "/api/v1/events");

        HttpClient http = HttpClient.newHttpClient();
        Messages messages = new Messages();
        WebSocket socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + TOKEN)
                .buildAsync(events, messages).get(10, TimeUnit.SECONDS);
        assertThat(messages.next()).isEqualTo("hello");
        socket.sendText("ping", true).get(10, TimeUnit.SECONDS);
        assertThat(messages.next()).isEqualTo("echo:ping");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> http.newWebSocketBuilder().buildAsync(events, new Messages()).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
        assertThat(registry.get("cloudgate.api.rejections").tag("reason", "missing-token").counter().count())
                .isEqualTo(1);
    }

    /** The text messages a client receives, one at a time. */
    private static final class Messages implements WebSocket.Listener {

        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            received.add(data.toString());
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        String next() throws InterruptedException {
            String message = received.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message within 10 s").isNotNull();
            return message;
        }
    }
}
