package org.cloudgate.core.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.cloudgate.core.api.security.BearerTokens;
import org.cloudgate.core.api.security.Scope;
import org.cloudgate.core.api.security.TokenHash;
import org.cloudgate.core.config.ApiTokenSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal of the API's request handling, on an embedded channel: which status, which
 * problem, which headers, and which counter.
 */
class ApiConnectionTest {

    private static final String READER = "reader-token-0123456789";
    private static final String CONTROLLER = "controller-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<FullHttpRequest> handedOver = new ArrayList<>();
    private final AtomicBoolean idleRemoved = new AtomicBoolean();
    private EmbeddedChannel channel;

    private final Router router = new Router(List.of(
            Route.get("/api/v1/users/{id}", Scope.READ, request -> {
                if (!"201".equals(request.parameter("id"))) {
                    throw new ApiException(Problem.of(HttpResponseStatus.NOT_FOUND, "no-such-user", "no user"));
                }
                return CompletableFuture.completedFuture(ApiResponse.ok(Map.of("id", "201")));
            }),
            Route.put("/api/v1/users/{id}/dnd", Scope.CONTROL, request -> {
                JsonBody body = request.json();
                boolean on = body.bool("enabled");
                body.done(Set.of("enabled"));
                return CompletableFuture.completedFuture(ApiResponse.ok(Map.of("enabled", on)));
            }),
            Route.eventStream("/api/v1/events", Scope.READ)));

    private EmbeddedChannel channel(BiConsumer<ChannelHandlerContext, FullHttpRequest> eventStream) {
        SecureRandom random = new SecureRandom();
        List<ApiTokenSettings> tokens = List.of(
                new ApiTokenSettings("reader", TokenHash.create(READER, TokenHash.MIN_ITERATIONS, random), Scope.READ,
                        1000, 1000),
                new ApiTokenSettings("controller", TokenHash.create(CONTROLLER, TokenHash.MIN_ITERATIONS, random),
                        Scope.CONTROL, 1, 2));
        BearerTokens bearer = new BearerTokens(tokens, Runnable::run, random, System::nanoTime);
        channel = new EmbeddedChannel(new ApiConnection(router, bearer, new ApiMetrics(registry), eventStream,
                () -> idleRemoved.set(true)));
        return channel;
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        handedOver.forEach(FullHttpRequest::release);
    }

    private static FullHttpRequest request(HttpMethod method, String uri, String token, String contentType, String body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
        }
        if (contentType != null) {
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, request.content().readableBytes());
        return request;
    }

    private FullHttpResponse exchange(FullHttpRequest request) {
        channel.writeInbound(request);
        channel.runPendingTasks();
        FullHttpResponse response = channel.readOutbound();
        assertThat(response).as("an answer to " + request.method() + " " + request.uri()).isNotNull();
        return response;
    }

    private static JsonNode body(FullHttpResponse response) throws Exception {
        try {
            return JSON.readTree(response.content().toString(StandardCharsets.UTF_8));
        } finally {
            response.release();
        }
    }

    private double rejections(String reason) {
        return registry.get("cloudgate.api.rejections").tag("reason", reason).counter().count();
    }

    @Test
    void withoutATokenTheAnswerIs401WithABearerChallenge() throws Exception {
        channel(null);
        FullHttpResponse response = exchange(request(HttpMethod.GET, "/api/v1/users/201", null, null, ""));
        assertThat(response.status().code()).isEqualTo(401);
        assertThat(response.headers().get(HttpHeaderNames.WWW_AUTHENTICATE)).isEqualTo("Bearer realm=\"cloudgate\"");
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/problem+json");
        JsonNode problem = body(response);
        assertThat(problem.get("type").asText()).isEqualTo("urn:cloudgate:problem:missing-token");
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("title").asText()).isEqualTo("Unauthorized");
        assertThat(rejections("missing-token")).isEqualTo(1);
    }

    @Test
    void aForgedTokenIs401InvalidTokenAndAppearsInNoMeter() throws Exception {
        channel(null);
        String forged = "forged-token-0123456789";
        FullHttpResponse response = exchange(request(HttpMethod.GET, "/api/v1/users/201", forged, null, ""));
        assertThat(response.status().code()).isEqualTo(401);
        assertThat(response.headers().get(HttpHeaderNames.WWW_AUTHENTICATE)).contains("error=\"invalid_token\"");
        assertThat(body(response).get("detail").asText()).doesNotContain(forged);
        assertThat(rejections("unknown-token")).isEqualTo(1);
        exchange(request(HttpMethod.GET, "/api/v1/users/201", READER, null, "")).release();
        for (Meter meter : registry.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                assertThat(tag.getValue()).doesNotContain(forged).doesNotContain(READER);
            }
        }
    }

    @Test
    void aReadTokenOnAControlRouteIs403() throws Exception {
        channel(null);
        FullHttpResponse response = exchange(request(HttpMethod.PUT, "/api/v1/users/201/dnd", READER,
                "application/json", "{\"enabled\":true}"));
        assertThat(response.status().code()).isEqualTo(403);
        assertThat(response.headers().get(HttpHeaderNames.WWW_AUTHENTICATE)).contains("insufficient_scope");
        assertThat(body(response).get("detail").asText()).contains("needs a token with scope control");
        assertThat(registry.get("cloudgate.api.requests").tag("route", "/api/v1/users/{id}/dnd")
                .tag("method", "PUT").tag("status", "4xx").counter().count()).isEqualTo(1);
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405WithAllow() throws Exception {
        channel(null);
        FullHttpResponse notFound = exchange(request(HttpMethod.GET, "/api/v2/users", READER, null, ""));
        assertThat(notFound.status().code()).isEqualTo(404);
        notFound.release();
        FullHttpResponse wrong = exchange(request(HttpMethod.DELETE, "/api/v1/users/201", READER, null, ""));
        assertThat(wrong.status().code()).isEqualTo(405);
        assertThat(wrong.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("GET");
        wrong.release();
        FullHttpResponse noUser = exchange(request(HttpMethod.GET, "/api/v1/users/299", READER, null, ""));
        assertThat(noUser.status().code()).isEqualTo(404);
        assertThat(body(noUser).get("type").asText()).endsWith(":no-such-user");
        assertThat(registry.get("cloudgate.api.requests").tag("route", "unmatched").tag("method", "DELETE")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void aBodyThatIsNotJsonIs415AndAWrongOne422NamingEachField() throws Exception {
        channel(null);
        FullHttpResponse text = exchange(request(HttpMethod.PUT, "/api/v1/users/201/dnd", CONTROLLER,
                "text/plain", "enabled"));
        assertThat(text.status().code()).isEqualTo(415);
        text.release();

        FullHttpResponse wrong = exchange(request(HttpMethod.PUT, "/api/v1/users/201/dnd", CONTROLLER,
                "application/json; charset=utf-8", "{\"enabled\":\"yes\",\"colour\":1}"));
        assertThat(wrong.status().code()).isEqualTo(422);
        JsonNode problem = body(wrong);
        assertThat(problem.get("invalidParams").findValuesAsText("name")).containsExactlyInAnyOrder("enabled", "colour");
        assertThat(problem.get("detail").asText()).contains("enabled: must be true or false", "colour: unknown field");
    }

    @Test
    void aBodyThatDoesNotParseIs422ForTheWholeBody() throws Exception {
        channel(null);
        FullHttpResponse response = exchange(request(HttpMethod.PUT, "/api/v1/users/201/dnd", CONTROLLER,
                "application/json", "{\"enabled\": tru"));
        assertThat(response.status().code()).isEqualTo(422);
        JsonNode param = body(response).get("invalidParams").get(0);
        assertThat(param.get("name").asText()).isEqualTo(JsonBody.WHOLE_BODY);
        assertThat(param.get("reason").asText()).startsWith("not JSON (line 1");
        assertThat(rejections("invalid-body")).isEqualTo(1);
    }

    @Test
    void overTheBurstATokenGets429WithRetryAfter() throws Exception {
        channel(null);
        for (int i = 0; i < 2; i++) {
            FullHttpResponse ok = exchange(request(HttpMethod.GET, "/api/v1/users/201", CONTROLLER, null, ""));
            assertThat(ok.status().code()).isEqualTo(200);
            ok.release();
        }
        FullHttpResponse limited = exchange(request(HttpMethod.GET, "/api/v1/users/201", CONTROLLER, null, ""));
        assertThat(limited.status().code()).isEqualTo(429);
        assertThat(limited.headers().getInt(HttpHeaderNames.RETRY_AFTER)).isEqualTo(1);
        limited.release();
        FullHttpResponse other = exchange(request(HttpMethod.GET, "/api/v1/users/201", READER, null, ""));
        assertThat(other.status().code()).as("another token has its own budget").isEqualTo(200);
        other.release();
        assertThat(rejections("rate-limited")).isEqualTo(1);
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        channel(null);
        channel.writeInbound(request(HttpMethod.GET, "/api/v1/users/299", READER, null, ""),
                request(HttpMethod.GET, "/api/v1/users/201", READER, null, ""));
        channel.runPendingTasks();
        FullHttpResponse first = channel.readOutbound();
        FullHttpResponse second = channel.readOutbound();
        assertThat(first.status().code()).isEqualTo(404);
        assertThat(second.status().code()).isEqualTo(200);
        assertThat(body(second).get("id").asText()).isEqualTo("201");
        first.release();
    }

    @Test
    void theEventStreamIs404WithoutOneAndOtherwiseTakesTheAuthorisedRequest() throws Exception {
        channel(null);
        FullHttpResponse none = exchange(request(HttpMethod.GET, "/api/v1/events", READER, null, ""));
        assertThat(none.status().code()).isEqualTo(404);
        assertThat(body(none).get("type").asText()).endsWith(":no-event-stream");
        channel.finishAndReleaseAll();

        channel((ctx, request) -> handedOver.add(request.retain()));
        channel.writeInbound(request(HttpMethod.GET, "/api/v1/events", null, null, ""));
        FullHttpResponse refused = channel.readOutbound();
        assertThat(refused.status().code()).as("no token, no stream").isEqualTo(401);
        refused.release();
        assertThat(handedOver).isEmpty();

        channel.writeInbound(request(HttpMethod.GET, "/api/v1/events", READER, null, ""));
        assertThat(handedOver).hasSize(1);
        assertThat(handedOver.get(0).uri()).isEqualTo("/api/v1/events");
        assertThat(idleRemoved).isTrue();
        assertThat((Object) channel.readOutbound()).as("the stream answers the handshake").isNull();
    }
}
