package org.cloudgate.core.api.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpMethod;

import java.util.Set;

/**
 * The API's counters: {@code cloudgate_api_requests_total{route,method,status}} with the route
 * template (never a user or call id) and the status class ({@code 2xx}...), and
 * {@code cloudgate_api_rejections_total{reason}} for every refused request, by problem kind.
 * Token names are not tags either: a rejected request's token is not known to be one.
 */
public final class ApiMetrics {

    /** The route tag of a request no template matched. */
    public static final String UNMATCHED = "unmatched";

    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH",
            "OPTIONS");

    private final MeterRegistry registry;

    public ApiMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param method the request's method; one nobody uses here is counted as {@code other} */
    public void request(String route, HttpMethod method, int status) {
        String name = method.name();
        Counter.builder("cloudgate.api.requests")
                .description("Requests to the northbound API by route template, method and status class")
                .tag("route", route)
                .tag("method", KNOWN_METHODS.contains(name) ? name : "other")
                .tag("status", (status / 100) + "xx")
                .register(registry)
                .increment();
    }

    public void rejection(String reason) {
        Counter.builder("cloudgate.api.rejections")
                .description("Requests the northbound API refused, by reason")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
