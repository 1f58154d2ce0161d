package org.cloudgate.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** An event stream client on the JDK's WebSocket client, keeping what it receives in order. */
final class StreamClient implements WebSocket.Listener {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    /** Opens the stream at {@code uri}, resuming after {@code lastEventId} unless it is {@code null}. */
    static StreamClient connect(HttpClient http, URI uri, String lastEventId) {
        return connect(http, uri, lastEventId, null);
    }

    /** As {@link #connect(HttpClient, URI, String)}, with {@code Authorization: Bearer token} when given. */
    static StreamClient connect(HttpClient http, URI uri, String lastEventId, String bearerToken) {
        StreamClient client = new StreamClient();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        if (lastEventId != null) {
            builder.header("Last-Event-ID", lastEventId);
        }
        client.socket = builder.buildAsync(uri, client).join();
        return client;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(MAPPER.readTree(partial.toString()));
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + partial, e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        pongs.add(message);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** The next message, event or control message. */
    JsonNode next() throws InterruptedException {
        JsonNode message = messages.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(message).as("a message within " + WAIT).isNotNull();
        return message;
    }

    /** The ids of the next {@code count} messages, which must be events. */
    List<Long> nextIds(int count) throws InterruptedException {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode message = next();
            assertThat(message.has("id")).as(message.toString()).isTrue();
            ids.add(message.get("id").asLong());
        }
        return ids;
    }

    /** The events up to and including the first that {@code wanted} accepts; no control message may come. */
    List<JsonNode> until(Predicate<JsonNode> wanted) throws InterruptedException {
        List<JsonNode> received = new ArrayList<>();
        JsonNode message;
        do {
            message = next();
            assertThat(message.has("id")).as(message.toString()).isTrue();
            received.add(message);
        } while (!wanted.test(message));
        return received;
    }

    /** Closes the stream from this side and waits for the gateway's close (RFC 6455 section 5.5.1). */
    void disconnect() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        await().atMost(WAIT).until(closed::isDone);
    }
}
