package org.cloudgate.core.api.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the route of a request: the template whose literal segments equal the path's and whose
 * {@code {name}} segments take one non-empty, percent-decoded segment each. A path no template
 * has is not found (404); a path some template has under other methods is a wrong method (405,
 * with the methods it has for {@code Allow}, RFC 9110 section 15.5.6).
 */
public final class Router {

    /** What a lookup found. */
    public sealed interface Match {
    }

    /** The route and its path parameters. */
    public record Found(Route route, Map<String, String> parameters) implements Match {
    }

    public record NotFound() implements Match {
    }

    public record WrongMethod(Set<HttpMethod> allowed) implements Match {
    }

    private final List<Route> routes;

    public Router(List<Route> routes) {
        Set<String> seen = new LinkedHashSet<>();
        for (Route route : routes) {
            if (Route.split(route.template()) == null) {
                throw new IllegalArgumentException("bad template " + route.template());
            }
            if (!seen.add(route.method() + " " + route.template())) {
                throw new IllegalArgumentException("two routes for " + route.method() + " " + route.template());
            }
        }
        this.routes = List.copyOf(routes);
    }

    public List<Route> routes() {
        return routes;
    }

    public Match match(HttpMethod method, String path) {
        List<String> segments = Route.split(path);
        if (segments == null) {
            return new NotFound();
        }
        Set<HttpMethod> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> parameters = bind(route.segments(), segments);
            if (parameters == null) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Found(route, parameters);
            }
            allowed.add(route.method());
        }
        return allowed.isEmpty() ? new NotFound() : new WrongMethod(allowed);
    }

    private static Map<String, String> bind(List<String> template, List<String> path) {
        if (template.size() != path.size()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String expected = template.get(i);
            String actual = path.get(i);
            if (Route.isParameter(expected)) {
                String value = decode(actual);
                if (value == null || value.isEmpty()) {
                    return null;
                }
                parameters.put(expected.substring(1, expected.length() - 1), value);
            } else if (!expected.equals(actual)) {
                return null;
            }
        }
        return parameters;
    }

    private static String decode(String segment) {
        try {
            return QueryStringDecoder.decodeComponent(segment.replace("+", "%2B"));
        } catch (IllegalArgumentException malformedEscape) {
            return null;
        }
    }

    /** The templates and their methods, in route order, e.g. for comparing with the API document. */
    public Map<String, List<HttpMethod>> methodsByTemplate() {
        Map<String, List<HttpMethod>> result = new LinkedHashMap<>();
        for (Route route : routes) {
            result.computeIfAbsent(route.template(), t -> new ArrayList<>()).add(route.method());
        }
        return result;
    }
}
