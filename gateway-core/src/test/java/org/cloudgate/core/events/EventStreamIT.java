package org.cloudgate.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.cloudgate.core.config.EventStreamSettings;
import org.cloudgate.csta.calls.Presence;
import org.cloudgate.csta.model.EventCause;
import org.cloudgate.csta.model.LocalConnectionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The event stream behind a small Netty HTTP server (codec, aggregator, a handler that calls
 * {@link EventStreamEndpoint#upgrade}), with the JDK's WebSocket client: events in order, resume
 * after a reconnect with exactly the missed events, the gap when resuming too far back, the user
 * filter, the answers to the client's frames, refused requests, and the close on stop.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventStreamIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WebSocket> sockets = new ArrayList<>();
    private EventJournal journal;
    private EventStreamEndpoint endpoint;
    private StreamServer server;
    private int port;

    @BeforeEach
    void start() throws InterruptedException {
        start(new EventStreamSettings(20, Duration.ofHours(1), 3, 64 * 1024, Duration.ofSeconds(30)));
    }

    private void start(EventStreamSettings settings) throws InterruptedException {
        journal = new EventJournal(settings.journalSize(), settings.maxAge(), Clock.systemUTC(), registry);
        endpoint = new EventStreamEndpoint(journal, settings, registry);
        // A small kernel send buffer, so that a client that stops reading is soon felt.
        server = new StreamServer(group, () -> endpoint, 4096);
        port = server.port();
    }

    @AfterEach
    void stop() {
        for (WebSocket socket : sockets) {
            socket.abort();
        }
        if (server != null) {
            server.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private StreamClient connect(String query, String lastEventId) {
        StreamClient client = StreamClient.connect(http, server.uri(query), lastEventId);
        sockets.add(client.socket);
        return client;
    }

    private void presence(String user, int count) {
        for (int i = 0; i < count; i++) {
            journal.append(new PresenceChanged(user, Presence.AVAILABLE, Presence.RINGING));
        }
    }

    private static List<Long> range(long first, long last) {
        List<Long> ids = new ArrayList<>();
        for (long id = first; id <= last; id++) {
            ids.add(id);
        }
        return ids;
    }

    @Test
    void aClientThatReconnectsWithItsLastIdGetsExactlyTheMissedEventsThenLiveOnes() throws Exception {
        presence("201", 2);
        StreamClient first = connect("", null);
        journal.append(new CallChanged("201", "4", LocalConnectionState.ALERTING, "202", EventCause.NEW_CALL));
        presence("201", 3);
        JsonNode call = first.next();
        assertThat(call.get("id").asLong()).isEqualTo(3);
        assertThat(call.get("type").asText()).isEqualTo("call");
        assertThat(call.get("state").asText()).isEqualTo("alerting");
        assertThat(first.nextIds(3)).containsExactly(4L, 5L, 6L);
        assertThat(endpoint.clientCount()).isEqualTo(1);
        first.disconnect();
        await().atMost(StreamClient.WAIT).until(() -> endpoint.clientCount() == 0);

        presence("202", 4);
        StreamClient again = connect("", "6");
        assertThat(again.nextIds(4)).containsExactly(7L, 8L, 9L, 10L);
        presence("203", 2);
        assertThat(again.nextIds(2)).containsExactly(11L, 12L);
        assertThat(again.messages).isEmpty();

        StreamClient bySince = connect("?since=9", null);
        assertThat(bySince.nextIds(3)).containsExactly(10L, 11L, 12L);
    }

    @Test
    void resumingFromAnIdTheJournalNoLongerHoldsStartsWithAGapMessage() throws Exception {
        presence("201", 50);
        StreamClient client = connect("?since=10", null);
        JsonNode gap = client.next();
        assertThat(gap.get("type").asText()).isEqualTo("gap");
        assertThat(gap.get("reason").asText()).isEqualTo("expired");
        assertThat(gap.get("after").asLong()).isEqualTo(10);
        assertThat(gap.get("oldest").asLong()).isEqualTo(31);
        assertThat(client.nextIds(20)).isEqualTo(range(31, 50));

        StreamClient fromBeforeARestart = connect("", "900");
        assertThat(fromBeforeARestart.next().get("reason").asText()).isEqualTo("unknown_id");
        assertThat(registry.get("cloudgate.api.events.gaps").tag("reason", "expired").counter().count()).isEqualTo(1);
    }

    @Test
    void theUserFilterSendsOneUsersEvents() throws Exception {
        StreamClient client = connect("?user=202", null);
        presence("201", 2);
        presence("202", 1);
        presence("201", 1);
        presence("202", 1);
        assertThat(client.nextIds(2)).containsExactly(3L, 5L);
    }

    @Test
    void pingsAreAnsweredAndMessagesFromTheClientGetAnError() throws Exception {
        StreamClient client = connect("", null);
        client.socket.sendPing(ByteBuffer.wrap(new byte[] {1, 2, 3})).join();
        ByteBuffer pong = client.pongs.poll(StreamClient.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(pong).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));

        client.socket.sendText("{\"subscribe\":\"201\"}", true).join();
        JsonNode error = client.next();
        assertThat(error.get("type").asText()).isEqualTo("error");
        presence("201", 1);
        assertThat(client.nextIds(1)).containsExactly(1L);
    }

    @Test
    void badRequestsAndOneClientTooManyAreRefusedBeforeTheHandshake() throws Exception {
        assertThatHandshakeFails("?since=yesterday", 400);
        assertThatHandshakeFails("?color=blue", 400);
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/events")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(MAPPER.readTree(plain.body()).get("detail").asText()).contains("Upgrade: websocket");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/events")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET");

        connect("", null);
        connect("", null);
        connect("", null);
        assertThatHandshakeFails("", 503);
        assertThat(registry.get("cloudgate.api.events.refused").tag("reason", "too_many_clients").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("cloudgate.api.events.clients").gauge().value()).isEqualTo(3);
    }

    private void assertThatHandshakeFails(String query, int status) {
        StreamClient client = new StreamClient();
        CompletableFuture<WebSocket> opening = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/events" + query), client);
        try {
            opening.join();
            throw new AssertionError("handshake with " + query + " succeeded");
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(status);
        }
    }

    @Test
    void aClientThatStopsReadingHoldsUpNoMoreThanItsBuffersAndLearnsWhatItMissedWhenItReadsAgain()
            throws Exception {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout((int) StreamClient.WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String response = readHead(in);
            assertThat(response).startsWith("HTTP/1.1 101").contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
            await().atMost(StreamClient.WAIT).until(() -> endpoint.clientCount() == 1);

            // Far more than the kernel buffers and the 64 KiB send buffer hold, while the client reads nothing.
            presence("201", 3000);

            List<JsonNode> received = new ArrayList<>();
            while (received.isEmpty() || !received.get(received.size() - 1).path("id").asText().equals("3000")) {
                received.add(MAPPER.readTree(readTextFrame(in)));
            }
            // Every event once, in order, except where a gap message says which ones were lost.
            long expected = 1;
            int gaps = 0;
            for (JsonNode message : received) {
                if (message.path("type").asText().equals("gap")) {
                    gaps++;
                    assertThat(message.get("reason").asText()).isEqualTo("fell_behind");
                    assertThat(message.get("after").asLong()).isEqualTo(expected - 1);
                    assertThat(message.get("oldest").asLong()).isGreaterThan(expected);
                    expected = message.get("oldest").asLong();
                } else {
                    assertThat(message.get("id").asLong()).isEqualTo(expected);
                    expected++;
                }
            }
            assertThat(gaps).as("gap messages among %d", received.size()).isPositive();
            assertThat(received.size()).as("messages sent").isLessThan(3000);
        }
    }

    /** The HTTP response head, up to the empty line. */
    private static String readHead(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.toString();
    }

    /** The payload of the next frame from the server, which must be an unfragmented text frame (RFC 6455 section 5.2). */
    private static String readTextFrame(DataInputStream in) throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        assertThat(first).as("FIN and opcode 1 (text)").isEqualTo(0x81);
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Test
    void stoppingTellsEveryClientTheGatewayIsGoingAway() throws Exception {
        StreamClient client = connect("", null);
        endpoint.stop();
        assertThat(client.closed.get(StreamClient.WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1001);
        assertThat(registry.get("cloudgate.api.events.clients.dropped").tag("reason", "shutdown").counter().count())
                .isEqualTo(1);
    }
}
