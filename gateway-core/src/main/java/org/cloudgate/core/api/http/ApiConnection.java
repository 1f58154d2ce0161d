package org.cloudgate.core.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.cloudgate.core.api.security.BearerTokens;
import org.cloudgate.core.config.ApiTokenSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One API connection: answers its requests one after the other, in order (HTTP/1.1 pipelining,
 * RFC 9112 section 9.3.2), each through the same steps: a bearer token (401, RFC 6750 section 3),
 * the token's rate limit (429), the route (404, 405), the scope (403), the media type of a body
 * (415), then the operation, whose refusals and failures {@link ProblemMapping} turns into
 * problem details. A request for the event stream is handed to the stream once authorised.
 */
final class ApiConnection extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ApiConnection.class);
    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";
    private static final String BEARER = "Bearer ";
    private static final String REALM = "Bearer realm=\"cloudgate\"";

    private final Router router;
    private final BearerTokens tokens;
    private final ApiMetrics metrics;
    private final BiConsumer<ChannelHandlerContext, FullHttpRequest> eventStream;
    private final Runnable beforeHandover;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean busy;

    /**
     * @param eventStream    takes over the connection for {@code GET /api/v1/events}, or {@code null}
     * @param beforeHandover removes what must not outlive HTTP on this connection (the idle timeout)
     */
    ApiConnection(Router router, BearerTokens tokens, ApiMetrics metrics,
                  BiConsumer<ChannelHandlerContext, FullHttpRequest> eventStream, Runnable beforeHandover) {
        this.router = router;
        this.tokens = tokens;
        this.metrics = metrics;
        this.eventStream = eventStream;
        this.beforeHandover = beforeHandover;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request) {
            waiting.add(request);
            next(ctx);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        FullHttpRequest request;
        while ((request = waiting.poll()) != null) {
            request.release();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("API connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private void next(ChannelHandlerContext ctx) {
        if (busy || waiting.isEmpty() || !ctx.channel().isActive()) {
            return;
        }
        busy = true;
        FullHttpRequest request = waiting.poll();
        try {
            handle(ctx, request);
        } catch (RuntimeException e) {
            answer(ctx, request, ApiMetrics.UNMATCHED, ProblemMapping.of(e));
        }
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            answer(ctx, request, ApiMetrics.UNMATCHED, Problem.of(HttpResponseStatus.BAD_REQUEST, "malformed-request",
                    "the request is not valid HTTP/1.1"));
            return;
        }
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.length() == BEARER.length()) {
            answer(ctx, request, ApiMetrics.UNMATCHED, Problem.of(HttpResponseStatus.UNAUTHORIZED, "missing-token",
                    "this API needs a bearer token: Authorization: Bearer TOKEN"));
            return;
        }
        String presented = authorization.substring(BEARER.length()).trim();
        CompletableFuture<BearerTokens.Verdict> verdict;
        try {
            verdict = tokens.verify(presented);
        } catch (RejectedExecutionException busyVerifier) {
            answer(ctx, request, ApiMetrics.UNMATCHED, Problem.of(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "authentication-busy", "too many tokens are being checked; try again shortly").retryAfter(1));
            return;
        }
        if (verdict.isDone()) {
            authenticated(ctx, request, verdict.join());
        } else {
            verdict.whenComplete((v, failure) -> ctx.executor().execute(() -> {
                if (failure != null) {
                    answer(ctx, request, ApiMetrics.UNMATCHED, ProblemMapping.of(failure));
                } else {
                    authenticated(ctx, request, v);
                }
            }));
        }
    }

    private void authenticated(ChannelHandlerContext ctx, FullHttpRequest request, BearerTokens.Verdict verdict) {
        if (!verdict.known()) {
            answer(ctx, request, ApiMetrics.UNMATCHED, Problem.of(HttpResponseStatus.UNAUTHORIZED, "unknown-token",
                    "the bearer token is not one this gateway knows"));
            return;
        }
        ApiTokenSettings token = verdict.token();
        long wait = tokens.take(token);
        if (wait > 0) {
            answer(ctx, request, ApiMetrics.UNMATCHED, Problem.of(HttpResponseStatus.TOO_MANY_REQUESTS, "rate-limited",
                    "this token's rate limit is used up").retryAfter(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(
                    wait + TimeUnit.SECONDS.toNanos(1) - 1))));
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        Router.Match match = router.match(request.method(), path);
        if (match instanceof Router.NotFound) {
            answer(ctx, request, ApiMetrics.UNMATCHED, Problem.of(HttpResponseStatus.NOT_FOUND, "no-such-route",
                    "there is no " + path + " in this API; see /api/v1/openapi"));
            return;
        }
        if (match instanceof Router.WrongMethod wrong) {
            StringJoiner allow = new StringJoiner(", ");
            wrong.allowed().forEach(method -> allow.add(method.name()));
            answerWithAllow(ctx, request, Problem.of(HttpResponseStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                    path + " takes " + allow), allow.toString());
            return;
        }
        Router.Found found = (Router.Found) match;
        Route route = found.route();
        if (!token.scope().covers(route.scope())) {
            answer(ctx, request, route.template(), Problem.of(HttpResponseStatus.FORBIDDEN, "insufficient-scope",
                    "this operation needs a token with scope " + route.scope().label() + "; token "
                            + token.name() + " has " + token.scope().label()));
            return;
        }
        if (route.kind() == Route.Kind.EVENT_STREAM) {
            handOver(ctx, request, route);
            return;
        }
        if (route.takesBody() && !isJson(request.headers().get(HttpHeaderNames.CONTENT_TYPE))) {
            answer(ctx, request, route.template(), Problem.of(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported-media-type", "the body must be " + JSON));
            return;
        }
        ApiRequest apiRequest = new ApiRequest(token, found.parameters(), ByteBufUtil.getBytes(request.content()));
        CompletableFuture<ApiResponse> outcome;
        try {
            outcome = route.operation().handle(apiRequest);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((response, failure) -> ctx.executor().execute(() -> {
            if (failure != null) {
                answer(ctx, request, route.template(), ProblemMapping.of(failure));
            } else {
                respond(ctx, request, route.template(), response);
            }
        }));
    }

    /** Gives the connection to the event stream, which answers the WebSocket handshake (RFC 6455 section 4.2). */
    private void handOver(ChannelHandlerContext ctx, FullHttpRequest request, Route route) {
        if (eventStream == null) {
            answer(ctx, request, route.template(), Problem.of(HttpResponseStatus.NOT_FOUND, "no-event-stream",
                    "this gateway does not serve the event stream"));
            return;
        }
        metrics.request(route.template(), request.method(), HttpResponseStatus.SWITCHING_PROTOCOLS.code());
        beforeHandover.run();
        try {
            eventStream.accept(ctx, request);
        } finally {
            request.release();
            busy = false;
        }
        next(ctx);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return JSON.equalsIgnoreCase(type);
    }

    private void respond(ChannelHandlerContext ctx, FullHttpRequest request, String route, ApiResponse response) {
        byte[] body;
        String contentType;
        if (response.rawBody() != null) {
            body = response.rawBody();
            contentType = response.contentType();
        } else if (response.body() != null) {
            body = json(response.body());
            contentType = JSON;
        } else {
            body = new byte[0];
            contentType = null;
        }
        FullHttpResponse out = new DefaultFullHttpResponse(request.protocolVersion(),
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(body));
        if (contentType != null) {
            out.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        if (response.location() != null) {
            out.headers().set(HttpHeaderNames.LOCATION, response.location());
        }
        send(ctx, request, route, out, true);
    }

    private void answerWithAllow(ChannelHandlerContext ctx, FullHttpRequest request, Problem problem, String allow) {
        FullHttpResponse out = problemResponse(request.protocolVersion(), problem);
        out.headers().set(HttpHeaderNames.ALLOW, allow);
        metrics.rejection(problem.reason());
        send(ctx, request, ApiMetrics.UNMATCHED, out, true);
    }

    private void answer(ChannelHandlerContext ctx, FullHttpRequest request, String route, Problem problem) {
        FullHttpResponse out = problemResponse(request.protocolVersion(), problem);
        if (problem.status() == 401) {
            // RFC 6750 section 3: no error code when no token came, invalid_token for a wrong one
            out.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "unknown-token".equals(problem.reason())
                    ? REALM + ", error=\"invalid_token\"" : REALM);
        } else if (problem.status() == 403) {
            out.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, REALM + ", error=\"insufficient_scope\"");
        }
        if (problem.retryAfterSeconds() > 0) {
            out.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString(problem.retryAfterSeconds()));
        }
        metrics.rejection(problem.reason());
        send(ctx, request, route, out, !"malformed-request".equals(problem.reason()));
    }

    /** The problem as an {@code application/problem+json} answer (RFC 9457 section 3). */
    static FullHttpResponse problemResponse(HttpVersion version, Problem problem) {
        ObjectNode body = JsonBody.MAPPER.createObjectNode()
                .put("type", problem.type())
                .put("title", problem.title())
                .put("status", problem.status())
                .put("detail", problem.detail());
        if (!problem.invalidParams().isEmpty()) {
            ArrayNode params = body.putArray("invalidParams");
            for (Problem.InvalidParam param : problem.invalidParams()) {
                params.addObject().put("name", param.name()).put("reason", param.reason());
            }
        }
        if (problem.cstaError() != null) {
            body.put("cstaError", problem.cstaError());
        }
        FullHttpResponse out = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(problem.status()),
                Unpooled.wrappedBuffer(json(body)));
        out.headers().set(HttpHeaderNames.CONTENT_TYPE, PROBLEM_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, out.content().readableBytes());
        return out;
    }

    private static byte[] json(Object body) {
        try {
            return JsonBody.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an API answer as JSON", e);
        }
    }

    private void send(ChannelHandlerContext ctx, FullHttpRequest request, String route, FullHttpResponse out,
                      boolean keepAliveAllowed) {
        metrics.request(route, request.method(), out.status().code());
        out.headers()
                .setInt(HttpHeaderNames.CONTENT_LENGTH, out.content().readableBytes())
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        boolean keepAlive = keepAliveAllowed && HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(out, keepAlive);
        request.release();
        busy = false;
        if (keepAlive) {
            ctx.writeAndFlush(out, ctx.voidPromise());
            next(ctx);
        } else {
            waiting.forEach(FullHttpRequest::release);
            waiting.clear();
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
