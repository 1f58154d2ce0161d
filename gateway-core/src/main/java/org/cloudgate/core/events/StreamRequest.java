package org.cloudgate.core.events;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;

/**
 * Where a client wants the stream to start and whose events it wants, read from its upgrade
 * request: the {@code Last-Event-ID} header (the name Server-Sent Events use for the same
 * purpose) or else the {@code since} query parameter, each the id of the last event the client
 * has; and the {@code user} query parameter, an extension.
 *
 * @param after   the id the client has seen last, or {@code null} for new events only
 * @param user    the extension whose events alone are sent, or {@code null} for every user's
 * @param problem why the request cannot be served, or {@code null} when it can
 */
record StreamRequest(Long after, String user, String problem) {

    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final int MAX_ID_DIGITS = 18;
    private static final int MAX_USER_LENGTH = 64;

    static StreamRequest of(HttpRequest request) {
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        Map<String, List<String>> parameters = query.parameters();
        for (String name : parameters.keySet()) {
            if (!name.equals("since") && !name.equals("user")) {
                return refused("unknown query parameter '" + name + "' (the stream takes 'since' and 'user')");
            }
        }
        String header = request.headers().get(LAST_EVENT_ID);
        String since = single(parameters, "since");
        String user = single(parameters, "user");
        if (header != null && header.isBlank()) {
            header = null;
        }
        String idText = header != null ? header.trim() : since;
        String idName = header != null ? LAST_EVENT_ID : "since";
        Long after = null;
        if (idText != null) {
            if (idText.isEmpty() || idText.length() > MAX_ID_DIGITS || !digits(idText)) {
                return refused(idName + " must be an event id (a whole number of at most " + MAX_ID_DIGITS
                        + " digits), got '" + shorten(idText) + "'");
            }
            after = Long.parseLong(idText);
        }
        if (user != null && (user.isEmpty() || user.length() > MAX_USER_LENGTH || !printable(user))) {
            return refused("user must be an extension of 1 to " + MAX_USER_LENGTH + " printable characters");
        }
        if ((since != null && parameters.get("since").size() > 1) || (user != null && parameters.get("user").size() > 1)) {
            return refused("'since' and 'user' may each be given once");
        }
        return new StreamRequest(after, user, null);
    }

    private static StreamRequest refused(String problem) {
        return new StreamRequest(null, null, problem);
    }

    private static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static boolean digits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String shorten(String text) {
        String shown = text.length() > 24 ? text.substring(0, 24) + "..." : text;
        StringBuilder safe = new StringBuilder(shown.length());
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            safe.append(c < ' ' || c == 0x7f ? '?' : c);
        }
        return safe.toString();
    }
}
