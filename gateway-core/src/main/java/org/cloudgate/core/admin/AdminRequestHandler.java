package org.cloudgate.core.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.cloudgate.core.lifecycle.Readiness;
import org.cloudgate.core.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Answers the admin endpoints: {@code GET /metrics} (Prometheus text), {@code GET /health/live}
 * (the process answers) and {@code GET /health/ready} (every readiness check passes, with each
 * check's detail as JSON). HEAD is accepted wherever GET is. Other paths get 404, other methods
 * 405 with an {@code Allow} header.
 */
@Sharable
final class AdminRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(AdminRequestHandler.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";

    private enum Endpoint {
        METRICS, LIVE, READY, UNKNOWN;

        static Endpoint of(String path) {
            return switch (path) {
                case "/metrics" -> METRICS;
                case "/health/live" -> LIVE;
                case "/health/ready" -> READY;
                default -> UNKNOWN;
            };
        }
    }

    private final Supplier<String> scrape;
    private final Readiness readiness;
    private final MeterRegistry registry;

    AdminRequestHandler(GatewayMetrics metrics, Readiness readiness) {
        this.scrape = metrics::scrape;
        this.readiness = readiness;
        this.registry = metrics.registry();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            respond(ctx, request, Endpoint.UNKNOWN, HttpResponseStatus.BAD_REQUEST, TEXT, "malformed request\n", false);
            return;
        }
        Endpoint endpoint = Endpoint.of(new QueryStringDecoder(request.uri()).path());
        if (endpoint == Endpoint.UNKNOWN) {
            respond(ctx, request, endpoint, HttpResponseStatus.NOT_FOUND, TEXT,
                    "not found; this server answers /metrics, /health/live and /health/ready\n", true);
            return;
        }
        HttpMethod method = request.method();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            respond(ctx, request, endpoint, HttpResponseStatus.METHOD_NOT_ALLOWED, TEXT,
                    "method not allowed; use GET or HEAD\n", true);
            return;
        }
        switch (endpoint) {
            case METRICS -> respond(ctx, request, endpoint, HttpResponseStatus.OK, GatewayMetrics.CONTENT_TYPE,
                    scrape.get(), true);
            case LIVE -> respond(ctx, request, endpoint, HttpResponseStatus.OK, JSON, "{\"status\":\"UP\"}\n", true);
            case READY -> ready(ctx, request);
            default -> throw new IllegalStateException(endpoint.name());
        }
    }

    private void ready(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean ready = readiness.ready();
        StringBuilder body = new StringBuilder(256).append("{\"status\":\"").append(ready ? "UP" : "DOWN")
                .append("\",\"checks\":[");
        String separator = "";
        for (Readiness.Check check : readiness.checks()) {
            body.append(separator).append("{\"name\":").append(quote(check.name()))
                    .append(",\"status\":\"").append(check.up() ? "UP" : "DOWN")
                    .append("\",\"detail\":").append(quote(check.detail())).append('}');
            separator = ",";
        }
        body.append("]}\n");
        respond(ctx, request, Endpoint.READY,
                ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, JSON, body.toString(), true);
    }

    private void respond(ChannelHandlerContext ctx, FullHttpRequest request, Endpoint endpoint,
                         HttpResponseStatus status, String contentType, String body, boolean keepAliveAllowed) {
        ByteBuf content = HttpMethod.HEAD.equals(request.method()) ? Unpooled.EMPTY_BUFFER
                : Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), status, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.getBytes(StandardCharsets.UTF_8).length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (status == HttpResponseStatus.METHOD_NOT_ALLOWED) {
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        }
        requests(endpoint, status).increment();
        boolean keepAlive = keepAliveAllowed && HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private Counter requests(Endpoint endpoint, HttpResponseStatus status) {
        return Counter.builder("cloudgate.admin.requests")
                .description("Requests to the admin HTTP listener by endpoint and status code")
                .tag("endpoint", endpoint.name().toLowerCase(Locale.ROOT))
                .tag("status", Integer.toString(status.code()))
                .register(registry);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("admin HTTP connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
