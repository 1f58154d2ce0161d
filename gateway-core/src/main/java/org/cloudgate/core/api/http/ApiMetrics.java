package org.cloudgate.core.api.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The API's counters: {@code cloudgate_api_requests_total{route,method,status}} with the route
 * template (never a user or call id) and the status class ({@code 2xx}...), and
 * {@code cloudgate_api_rejections_total{reason}} for every refused request, by problem kind.
 * Token names are not tags either: a rejected request's token is not known to be one.
 */
public final class ApiMetrics {

    /** The route tag of a request no template matched. */
    public static final String UNMATCHED = "unmatched";

    private final MeterRegistry registry;

    public ApiMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void request(String route, String method, int status) {
        Counter.builder("cloudgate.api.requests")
                .description("Requests to the northbound API by route template, method and status class")
                .tag("route", route)
                .tag("method", method)
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
