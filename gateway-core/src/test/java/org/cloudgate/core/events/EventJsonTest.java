package org.cloudgate.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import org.cloudgate.csta.calls.Presence;
import org.cloudgate.csta.model.EventCause;
import org.cloudgate.csta.model.LocalConnectionState;
import org.junit.jupiter.api.Test;

/** The wire format of events and control messages, as docs/event-stream.md describes it. */
class EventJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant TIME = Instant.parse("2026-03-01T08:15:30.250Z");

    @Test
    void presenceEvent() throws IOException {
        JsonNode json = MAPPER.readTree(EventJson.event(12, TIME,
                new PresenceChanged("201", Presence.AVAILABLE, Presence.ON_HOLD)));
        assertThat(json.toString()).isEqualTo("{\"id\":12,\"time\":\"2026-03-01T08:15:30.250Z\",\"type\":\"presence\","
                + "\"user\":\"201\",\"presence\":\"on_hold\",\"previous\":\"available\"}");
    }

    @Test
    void callEventsNameTheStateTheOtherPartyAndTheCause() throws IOException {
        JsonNode ringing = MAPPER.readTree(EventJson.event(13, TIME,
                new CallChanged("202", "7", LocalConnectionState.ALERTING, "201", EventCause.NEW_CALL)));
        assertThat(ringing.get("type").asText()).isEqualTo("call");
        assertThat(ringing.get("callId").asText()).isEqualTo("7");
        assertThat(ringing.get("state").asText()).isEqualTo("alerting");
        assertThat(ringing.get("otherParty").asText()).isEqualTo("201");
        assertThat(ringing.get("cause").asText()).isEqualTo("newCall");

        JsonNode ended = MAPPER.readTree(EventJson.event(14, TIME,
                new CallChanged("202", "7", LocalConnectionState.NULL, null, null)));
        assertThat(ended.get("state").asText()).isEqualTo("cleared");
        assertThat(ended.get("otherParty").isNull()).isTrue();
        assertThat(ended.get("cause").isNull()).isTrue();
    }

    @Test
    void controlMessagesCarryNoId() throws IOException {
        JsonNode gap = MAPPER.readTree(EventJson.gap(3, 40, 90, GapReason.EXPIRED));
        assertThat(gap.toString()).isEqualTo(
                "{\"type\":\"gap\",\"reason\":\"expired\",\"after\":3,\"oldest\":40,\"latest\":90}");
        JsonNode error = MAPPER.readTree(EventJson.error("no \"messages\""));
        assertThat(error.has("id")).isFalse();
        assertThat(error.get("detail").asText()).isEqualTo("no \"messages\"");
    }
}
