package org.cloudgate.core.api.http;

import io.netty.handler.codec.http.HttpMethod;
import org.cloudgate.core.api.security.Scope;

import java.util.ArrayList;
import java.util.List;

/**
 * One operation of the API: a method, a path template with {@code {name}} segments, the scope it
 * requires, and what it does. A route with {@link Kind#EVENT_STREAM} hands the connection over
 * instead of answering; one with {@code takesBody} needs an {@code application/json} body.
 */
public record Route(HttpMethod method, String template, Scope scope, Kind kind, boolean takesBody,
                    ApiOperation operation) {

    /** How the route answers. */
    public enum Kind { OPERATION, EVENT_STREAM }

    public static Route get(String template, Scope scope, ApiOperation operation) {
        return new Route(HttpMethod.GET, template, scope, Kind.OPERATION, false, operation);
    }

    public static Route post(String template, Scope scope, boolean takesBody, ApiOperation operation) {
        return new Route(HttpMethod.POST, template, scope, Kind.OPERATION, takesBody, operation);
    }

    public static Route put(String template, Scope scope, ApiOperation operation) {
        return new Route(HttpMethod.PUT, template, scope, Kind.OPERATION, true, operation);
    }

    public static Route eventStream(String template, Scope scope) {
        return new Route(HttpMethod.GET, template, scope, Kind.EVENT_STREAM, false, null);
    }

    /** The template's segments, e.g. {@code [api, v1, users, {id}]}. */
    List<String> segments() {
        return split(template);
    }

    /** A path's non-empty segments; {@code null} when a segment is empty (a doubled or trailing slash). */
    static List<String> split(String path) {
        List<String> segments = new ArrayList<>();
        if (path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            if (end == start) {
                return null;
            }
            segments.add(path.substring(start, end));
            start = end + 1;
        }
        return segments;
    }

    static boolean isParameter(String segment) {
        return segment.length() > 2 && segment.charAt(0) == '{' && segment.charAt(segment.length() - 1) == '}';
    }
}
