package org.cloudgate.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

/** Where a client's stream starts and whose events it gets, and the requests refused. */
class StreamRequestTest {

    private static FullHttpRequest get(String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }

    @Test
    void noIdMeansNewEventsOnlyForEveryUser() {
        StreamRequest request = StreamRequest.of(get("/api/v1/events"));
        assertThat(request.problem()).isNull();
        assertThat(request.after()).isNull();
        assertThat(request.user()).isNull();
    }

    @Test
    void theHeaderWinsOverTheQueryParameter() {
        FullHttpRequest get = get("/api/v1/events?since=7&user=201");
        get.headers().set("Last-Event-ID", "42");
        StreamRequest request = StreamRequest.of(get);
        assertThat(request.after()).isEqualTo(42L);
        assertThat(request.user()).isEqualTo("201");
        assertThat(StreamRequest.of(get("/api/v1/events?since=7")).after()).isEqualTo(7L);
    }

    @Test
    void malformedIdsUsersAndParametersAreRefusedWithTheirName() {
        assertThat(StreamRequest.of(get("/api/v1/events?since=-1")).problem()).startsWith("since must be an event id");
        assertThat(StreamRequest.of(get("/api/v1/events?since=12345678901234567890")).problem())
                .startsWith("since must be");
        FullHttpRequest header = get("/api/v1/events");
        header.headers().set("Last-Event-ID", "abc");
        assertThat(StreamRequest.of(header).problem()).startsWith("Last-Event-ID must be").contains("'abc'");
        assertThat(StreamRequest.of(get("/api/v1/events?user=")).problem()).startsWith("user must be");
        assertThat(StreamRequest.of(get("/api/v1/events?user=2%0A01")).problem()).startsWith("user must be");
        assertThat(StreamRequest.of(get("/api/v1/events?from=3")).problem()).contains("'from'");
        assertThat(StreamRequest.of(get("/api/v1/events?since=1&since=2")).problem()).contains("once");
    }
}
