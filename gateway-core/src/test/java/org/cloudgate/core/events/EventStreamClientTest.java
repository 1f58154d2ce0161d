package org.cloudgate.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cloudgate.csta.calls.Presence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One client on an embedded channel: what it sends while the channel is writable, the gap when a
 * slow reader lost events to the journal, the user filter, and its answers to the client's frames.
 */
class EventStreamClientTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventStreamMetrics metrics = new EventStreamMetrics(registry, () -> 0);
    private final EventJournal journal = new EventJournal(10, Duration.ofHours(1), Clock.systemUTC(), registry);
    private EmbeddedChannel channel;

    @AfterEach
    void close() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    private EventStreamClient connect(Long after, String user) {
        EventStreamClient client = new EventStreamClient(journal, metrics,
                new WebSocketServerHandshaker13("ws://localhost/api/v1/events", null, false, 8192), after, user);
        channel = new EmbeddedChannel(client);
        client.start();
        channel.runPendingTasks();
        return client;
    }

    private void append(int count, String user) {
        for (int i = 0; i < count; i++) {
            journal.append(new PresenceChanged(user, Presence.AVAILABLE, Presence.BUSY));
        }
    }

    /** The JSON of every text frame sent so far. */
    private List<JsonNode> sent() throws IOException {
        channel.runPendingTasks();
        List<JsonNode> messages = new ArrayList<>();
        Object frame;
        while ((frame = channel.readOutbound()) != null) {
            if (frame instanceof TextWebSocketFrame text) {
                messages.add(MAPPER.readTree(text.text()));
            }
            io.netty.util.ReferenceCountUtil.release(frame);
        }
        return messages;
    }

    private static List<Long> ids(List<JsonNode> messages) {
        return messages.stream().filter(m -> m.has("id")).map(m -> m.get("id").asLong()).toList();
    }

    @Test
    void withoutAnIdOnlyNewEventsAreSentInOrder() throws IOException {
        append(3, "201");
        connect(null, null);
        assertThat(sent()).isEmpty();
        append(2, "201");
        assertThat(ids(sent())).containsExactly(4L, 5L);
    }

    @Test
    void aReaderThatStopsReadingGetsAGapThenTheOldestEventsStillHeld() throws IOException {
        connect(0L, null);
        append(2, "201");
        assertThat(ids(sent())).containsExactly(1L, 2L);

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        append(25, "201");
        assertThat(sent()).isEmpty();
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);

        List<JsonNode> messages = sent();
        assertThat(messages.get(0).get("type").asText()).isEqualTo("gap");
        assertThat(messages.get(0).get("reason").asText()).isEqualTo("fell_behind");
        assertThat(messages.get(0).get("after").asLong()).isEqualTo(2);
        assertThat(messages.get(0).get("oldest").asLong()).isEqualTo(18);
        assertThat(ids(messages)).containsExactly(18L, 19L, 20L, 21L, 22L, 23L, 24L, 25L, 26L, 27L);
        assertThat(registry.get("cloudgate.api.events.gaps").tag("reason", "fell_behind").counter().count())
                .isEqualTo(1);
    }

    @Test
    void sendingPausesWhenTheSendBufferIsFullAndGoesOnWhenItDrains() throws IOException {
        connect(0L, null);
        // Room for about two events: the rest waits in the journal, not in the channel.
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 300));
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        append(8, "201");
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        List<JsonNode> messages = sent();
        assertThat(messages).allSatisfy(m -> assertThat(m.get("type").asText()).isEqualTo("presence"));
        assertThat(ids(messages)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void resumingFromAnIdTheJournalDroppedStartsWithAnExpiredGap() throws IOException {
        append(30, "201");
        connect(5L, null);
        List<JsonNode> messages = sent();
        assertThat(messages.get(0).get("reason").asText()).isEqualTo("expired");
        assertThat(messages.get(0).get("oldest").asLong()).isEqualTo(21);
        assertThat(ids(messages)).startsWith(21L).endsWith(30L).hasSize(10);
    }

    @Test
    void theUserFilterSkipsOtherUsersEvents() throws IOException {
        connect(0L, "202");
        append(2, "201");
        append(1, "202");
        append(1, "203");
        append(1, "202");
        List<JsonNode> messages = sent();
        assertThat(ids(messages)).containsExactly(3L, 5L);
        assertThat(messages).allSatisfy(m -> assertThat(m.get("user").asText()).isEqualTo("202"));
    }

    @Test
    void pingsAreAnsweredAndTextGetsAnError() throws IOException {
        connect(null, null);
        channel.writeInbound(new PingWebSocketFrame(Unpooled.copiedBuffer("are you there", StandardCharsets.UTF_8)));
        Object pong = channel.readOutbound();
        assertThat(pong).isInstanceOf(PongWebSocketFrame.class);
        assertThat(((PongWebSocketFrame) pong).content().toString(StandardCharsets.UTF_8)).isEqualTo("are you there");
        ((PongWebSocketFrame) pong).release();

        channel.writeInbound(new TextWebSocketFrame("subscribe 201"));
        List<JsonNode> messages = sent();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("type").asText()).isEqualTo("error");
        assertThat(registry.get("cloudgate.api.events.refused").tag("reason", "client_message").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aSilentClientIsPingedThenDropped() {
        connect(null, null);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        Object ping = channel.readOutbound();
        assertThat(ping).isInstanceOf(PingWebSocketFrame.class);
        ((PingWebSocketFrame) ping).release();
        assertThat(channel.isActive()).isTrue();

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        channel.runPendingTasks();
        assertThat(channel.isActive()).isFalse();
        assertThat(registry.get("cloudgate.api.events.clients.dropped").tag("reason", "unresponsive").counter()
                .count()).isEqualTo(1);
    }

    @Test
    void aPongKeepsTheClientConnected() {
        connect(null, null);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        io.netty.util.ReferenceCountUtil.release(channel.readOutbound());
        channel.writeInbound(new PongWebSocketFrame());
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(channel.isActive()).isTrue();
    }
}
