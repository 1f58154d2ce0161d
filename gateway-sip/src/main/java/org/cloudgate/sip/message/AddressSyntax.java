package org.cloudgate.sip.message;

import org.cloudgate.sip.uri.UriParts;
import org.cloudgate.sip.uri.UriSyntax;

/**
 * Reads one {@code (name-addr / addr-spec) *(SEMI param)} element, the shape of From, To,
 * Contact, Route, Record-Route, Diversion, P-Asserted-Identity and Refer-To values
 * (RFC 3261 sections 20.10, 20.20, 20.39 and 25.1), recording where its parts lie.
 *
 * <p>Rules enforced here are the ones RFC 4475 section 3.1.2 exercises: a display name is a
 * quoted string or a run of tokens (3.1.2.15), quotes must balance (3.1.2.6), no white space
 * inside {@code <>} (3.1.2.14), and an addr-spec URI must not contain {@code ?} (it would need
 * {@code <>}, section 20.10; RFC 4475 3.1.2.13).
 */
public final class AddressSyntax {
    private final UriParts uri = new UriParts();
    private int displayStart;
    private int displayEnd;
    private int uriStart;
    private int uriEnd;
    private int paramsStart;
    private int paramsEnd;
    private boolean bracketed;

    /**
     * Reads one element at the scanner's position, leaving it after the element and any trailing
     * white space.
     */
    public boolean scan(ValueScanner s) {
        s.skipLws();
        int start = s.position();
        displayStart = displayEnd = start;
        bracketed = false;
        int c = s.peek();
        if (c == '"') {
            if (!s.quotedString()) {
                return false;
            }
            displayEnd = s.spanEnd();
            s.skipLws();
        } else if (c != '<') {
            if (!s.token()) {
                return false;
            }
            if (s.peek() == ':') {
                s.position(start);
                return addrSpec(s);
            }
            displayEnd = s.spanEnd();
            while (s.peek() != '<') {
                if (!s.skipLws()) {
                    return false;
                }
                if (s.peek() != '<') {
                    if (!s.token()) {
                        return false;
                    }
                    displayEnd = s.spanEnd();
                }
            }
        }
        return nameAddr(s);
    }

    /**
     * {@code LAQUOT addr-spec RAQUOT}. The URI is found by its closing {@code >}; white space
     * inside the brackets is refused by {@link UriSyntax#parse}, which admits none in a URI.
     */
    private boolean nameAddr(ValueScanner s) {
        if (!s.accept('<') || !s.upTo('>') || !s.accept('>')) {
            return false;
        }
        uriStart = s.spanStart();
        uriEnd = s.spanEnd();
        bracketed = true;
        return UriSyntax.parse(s.buffer(), uriStart, uriEnd, uri) && params(s);
    }

    private boolean addrSpec(ValueScanner s) {
        if (!s.until(';', ',')) {
            return false;
        }
        uriStart = s.spanStart();
        uriEnd = s.spanEnd();
        return s.buffer().indexOf(uriStart, uriEnd, (byte) '?') < 0
                && UriSyntax.parse(s.buffer(), uriStart, uriEnd, uri) && params(s);
    }

    private boolean params(ValueScanner s) {
        paramsStart = s.position();
        if (!s.parameters()) {
            return false;
        }
        paramsEnd = s.position();
        s.skipLws();
        return true;
    }

    public int displayStart() {
        return displayStart;
    }

    public int displayEnd() {
        return displayEnd;
    }

    public int uriStart() {
        return uriStart;
    }

    public int uriEnd() {
        return uriEnd;
    }

    public int paramsStart() {
        return paramsStart;
    }

    public int paramsEnd() {
        return paramsEnd;
    }

    /** Whether the URI was written in {@code <>} (name-addr form). */
    public boolean bracketed() {
        return bracketed;
    }

    /** The parts of the URI just read. */
    public UriParts uri() {
        return uri;
    }
}
