package org.cloudgate.sip.message;

import org.cloudgate.sip.uri.UriSyntax;

/**
 * Reads one {@code via-parm} (RFC 3261 section 20.42 and 25.1):
 * {@code sent-protocol LWS sent-by *( SEMI via-params )}, white space allowed around
 * {@code /}, {@code :}, {@code ;} and {@code =}, an empty parameter refused (RFC 4475 3.1.2.1).
 */
public final class ViaSyntax {
    private int protocolStart;
    private int transportStart;
    private int transportEnd;
    private int hostStart;
    private int hostEnd;
    private int port;
    private int paramsStart;
    private int paramsEnd;

    /** Reads one via-parm, leaving the scanner after it and any trailing white space. */
    public boolean scan(ValueScanner s) {
        s.skipLws();
        protocolStart = s.position();
        if (!s.token() || !s.acceptSeparator('/') || !s.token() || !s.acceptSeparator('/') || !s.token()) {
            return false;
        }
        transportStart = s.spanStart();
        transportEnd = s.spanEnd();
        if (!s.skipLws() || !host(s)) {
            return false;
        }
        port = -1;
        if (s.acceptSeparator(':')) {
            if (!s.digits() || s.spanEnd() - s.spanStart() > 5) {
                return false;
            }
            port = (int) s.spanAsNumber();
            if (port > 65535) {
                return false;
            }
        }
        paramsStart = s.position();
        if (!s.parameters()) {
            return false;
        }
        paramsEnd = s.position();
        s.skipLws();
        return true;
    }

    private boolean host(ValueScanner s) {
        hostStart = s.position();
        if (s.peek() == '[') {
            if (!s.until(']') || !s.accept(']')) {
                return false;
            }
        } else {
            while (UriSyntax.isHostChar(s.peek())) {
                s.position(s.position() + 1);
            }
        }
        hostEnd = s.position();
        return hostEnd > hostStart && UriSyntax.isHost(s.buffer(), hostStart, hostEnd);
    }

    public int protocolStart() {
        return protocolStart;
    }

    public int transportStart() {
        return transportStart;
    }

    public int transportEnd() {
        return transportEnd;
    }

    public int hostStart() {
        return hostStart;
    }

    public int hostEnd() {
        return hostEnd;
    }

    /** The sent-by port, or -1 when absent. */
    public int port() {
        return port;
    }

    public int paramsStart() {
        return paramsStart;
    }

    public int paramsEnd() {
        return paramsEnd;
    }
}
