package org.cloudgate.core.api.http;

/**
 * A successful answer: a status and a body Jackson writes as JSON, or a document served as it is.
 *
 * @param body        what to write as JSON, or {@code null} for no body (204)
 * @param location    the {@code Location} of a created resource, or {@code null}
 * @param rawBody     a document served as it is (with {@code contentType}), or {@code null}
 */
public record ApiResponse(int status, Object body, String location, byte[] rawBody, String contentType) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, null, null, null);
    }

    public static ApiResponse created(String location, Object body) {
        return new ApiResponse(201, body, location, null, null);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, null, null, null);
    }

    public static ApiResponse document(byte[] content, String contentType) {
        return new ApiResponse(200, null, null, content, contentType);
    }
}
