package org.cloudgate.core.api.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.cloudgate.csta.link.CstaRequestException;
import org.cloudgate.csta.model.CstaError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one place where a failed operation becomes an answer. An {@link ApiException} carries its
 * own problem; a CSTA request that failed is answered by what failed (ECMA-269 12.2 error
 * categories): the link down is 503 with {@code Retry-After}, no answer in time 504, a state the
 * request does not fit (e.g. no call to answer) 409, a busy or out-of-resources PBX 503, any
 * other refusal 502. Anything else is a fault of the gateway: 500, logged once.
 */
public final class ProblemMapping {

    private static final Logger log = LoggerFactory.getLogger(ProblemMapping.class);
    static final long LINK_DOWN_RETRY_SECONDS = 5;

    private ProblemMapping() {
    }

    public static Problem of(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ApiException api) {
            return api.problem();
        }
        if (cause instanceof CstaRequestException csta) {
            return csta(csta);
        }
        log.warn("API operation failed: {}", cause.toString());
        return Problem.of(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "the gateway failed to carry out the request; its log says why");
    }

    private static Problem csta(CstaRequestException e) {
        return switch (e.outcome()) {
            case LINK_DOWN -> Problem.of(HttpResponseStatus.SERVICE_UNAVAILABLE, "csta-link-down",
                    "the CSTA link to the PBX is down; try again when it is back").retryAfter(LINK_DOWN_RETRY_SECONDS);
            case TIMEOUT -> Problem.of(HttpResponseStatus.GATEWAY_TIMEOUT, "csta-timeout",
                    "the PBX did not answer the CSTA request in time");
            case REJECT, UNEXPECTED_RESULT -> Problem.of(HttpResponseStatus.BAD_GATEWAY, "csta-rejected",
                    "the PBX could not process the CSTA request (" + e.getMessage() + ")");
            case ERROR -> cstaError(e.error());
        };
    }

    private static Problem cstaError(CstaError error) {
        String name = error.category().xmlName() + "/" + error.valueName();
        Problem problem = switch (error.category()) {
            case STATE_INCOMPATIBILITY -> Problem.of(HttpResponseStatus.CONFLICT, "csta-state",
                    "the call or device is not in a state that allows this (CSTA error " + name + ")");
            case SYSTEM_RESOURCE_AVAILABILITY, SUBSCRIBED_RESOURCE_AVAILABILITY, PERFORMANCE_MANAGEMENT ->
                    Problem.of(HttpResponseStatus.SERVICE_UNAVAILABLE, "csta-busy",
                            "the PBX lacks the resources for this now (CSTA error " + name + ")");
            default -> Problem.of(HttpResponseStatus.BAD_GATEWAY, "csta-error",
                    "the PBX refused the request (CSTA error " + name + ")");
        };
        return problem.withCstaError(name);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
