package org.cloudgate.sip.uri;

/**
 * Where the components of one URI lie in a buffer, as found by {@link UriSyntax#parse}.
 *
 * <p>A mutable holder so that checking the URIs of every message allocates nothing; offsets
 * are absolute buffer indexes and an absent component has {@code start == end}.
 */
public final class UriParts {
    int schemeEnd;
    int userStart;
    int userEnd;
    int hostStart;
    int hostEnd;
    int port;
    int paramsStart;
    int paramsEnd;
    int headersStart;
    int headersEnd;
    boolean sip;

    /** Whether the URI is a {@code sip:} or {@code sips:} URI (RFC 3261 section 19.1). */
    public boolean isSip() {
        return sip;
    }

    public int schemeEnd() {
        return schemeEnd;
    }

    public int userStart() {
        return userStart;
    }

    public int userEnd() {
        return userEnd;
    }

    public int hostStart() {
        return hostStart;
    }

    public int hostEnd() {
        return hostEnd;
    }

    /** The port, or -1 when the URI names none. */
    public int port() {
        return port;
    }

    public int paramsStart() {
        return paramsStart;
    }

    public int paramsEnd() {
        return paramsEnd;
    }

    /** Whether the URI carries {@code ?headers} (not allowed in a Request-URI, RFC 3261 19.1.1). */
    public boolean hasHeaders() {
        return headersEnd > headersStart;
    }

    public int headersStart() {
        return headersStart;
    }

    public int headersEnd() {
        return headersEnd;
    }
}
