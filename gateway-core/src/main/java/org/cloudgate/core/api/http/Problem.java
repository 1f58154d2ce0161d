package org.cloudgate.core.api.http;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.List;

/**
 * An error answer as problem details (RFC 9457): {@code type}, {@code title}, {@code status},
 * {@code detail}, and for a body the operation cannot use, the fields that are wrong
 * ({@code invalidParams}, an extension member as RFC 9457 section 3.2 allows). {@code reason} is
 * the label of the {@code cloudgate_api_rejections_total} counter and the last part of the type
 * URI; it names the kind of problem, never the request's data.
 *
 * @param retryAfterSeconds the {@code Retry-After} to send (RFC 9110 section 10.2.3), 0 for none
 * @param cstaError         the PBX's CSTA error as {@code category/value}, when that is the cause
 */
public record Problem(int status, String reason, String title, String detail, List<InvalidParam> invalidParams,
                      long retryAfterSeconds, String cstaError) {

    /** One field of the request body and what is wrong with it. */
    public record InvalidParam(String name, String reason) {
    }

    static final String TYPE_PREFIX = "urn:cloudgate:problem:";

    public Problem {
        invalidParams = List.copyOf(invalidParams);
    }

    public static Problem of(HttpResponseStatus status, String reason, String detail) {
        return new Problem(status.code(), reason, status.reasonPhrase(), detail, List.of(), 0, null);
    }

    /** 422: the body is not what the operation takes, naming each wrong field. */
    public static Problem invalidBody(List<InvalidParam> params) {
        StringBuilder detail = new StringBuilder("the request body is not valid: ");
        for (int i = 0; i < params.size(); i++) {
            detail.append(i == 0 ? "" : "; ").append(params.get(i).name()).append(": ").append(params.get(i).reason());
        }
        return new Problem(422, "invalid-body", "Unprocessable Content", detail.toString(), params, 0, null);
    }

    /** The same problem with a {@code Retry-After}. */
    public Problem retryAfter(long seconds) {
        return new Problem(status, reason, title, detail, invalidParams, seconds, cstaError);
    }

    /** The same problem naming the CSTA error that caused it. */
    public Problem withCstaError(String error) {
        return new Problem(status, reason, title, detail, invalidParams, retryAfterSeconds, error);
    }

    /** The {@code type} member: a URN per kind of problem (RFC 9457 section 3.1.1). */
    public String type() {
        return TYPE_PREFIX + reason;
    }
}
