package org.cloudgate.sip.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes typed header values on request: comma-separated lists split outside quotes and
 * {@code <>} (RFC 3261 section 7.3.1), then each element read with the element's grammar.
 * A malformed element ends the list; the syntax check has already refused such messages.
 */
final class HeaderValues {
    private HeaderValues() {
    }

    static List<Via> vias(BufferedSipMessage message) {
        HeaderIndex index = message.head().headers;
        List<Via> vias = new ArrayList<>(2);
        ViaSyntax via = new ViaSyntax();
        for (int i = index.next(HeaderName.VIA, 0); i >= 0; i = index.next(HeaderName.VIA, i + 1)) {
            ValueScanner s = scanner(message, i);
            do {
                if (!via.scan(s)) {
                    return vias;
                }
                vias.add(new Via(message.text(via.transportStart(), via.transportEnd()),
                        message.text(via.hostStart(), via.hostEnd()), via.port(),
                        message.text(via.paramsStart(), via.paramsEnd())));
            } while (s.accept(','));
        }
        return vias;
    }

    static List<NameAddress> addresses(BufferedSipMessage message, HeaderName name, int limit) {
        HeaderIndex index = message.head().headers;
        List<NameAddress> addresses = new ArrayList<>(1);
        AddressSyntax address = new AddressSyntax();
        for (int i = index.next(name, 0); i >= 0 && addresses.size() < limit; i = index.next(name, i + 1)) {
            ValueScanner s = scanner(message, i);
            do {
                if (!address.scan(s)) {
                    return addresses;
                }
                addresses.add(new NameAddress(message.text(address.displayStart(), address.displayEnd()),
                        message.text(address.uriStart(), address.uriEnd()),
                        message.text(address.paramsStart(), address.paramsEnd())));
            } while (addresses.size() < limit && s.accept(','));
        }
        return addresses;
    }

    /** Tokens separated by commas (and by semicolons, as Privacy writes them, RFC 3323). */
    static List<String> tokens(BufferedSipMessage message, HeaderName name) {
        HeaderIndex index = message.head().headers;
        List<String> tokens = new ArrayList<>(4);
        for (int i = index.next(name, 0); i >= 0; i = index.next(name, i + 1)) {
            ValueScanner s = scanner(message, i);
            do {
                s.skipLws();
                if (!s.token()) {
                    break;
                }
                tokens.add(s.spanAsString());
            } while (s.acceptSeparator(',') || s.acceptSeparator(';'));
        }
        return tokens;
    }

    static CSeq cseq(BufferedSipMessage message) {
        int header = message.head().headers.next(HeaderName.CSEQ, 0);
        if (header < 0) {
            return null;
        }
        ValueScanner s = scanner(message, header);
        if (!s.digits()) {
            return null;
        }
        long number = s.spanAsNumber();
        s.skipLws();
        return s.token() ? new CSeq(number, s.spanAsString()) : null;
    }

    static SessionExpires sessionExpires(BufferedSipMessage message) {
        return numberWithParams(message, HeaderName.SESSION_EXPIRES);
    }

    /** {@code delta-seconds *( SEMI param )}, the shape of Session-Expires and Min-SE (RFC 4028). */
    static SessionExpires numberWithParams(BufferedSipMessage message, HeaderName name) {
        int header = message.head().headers.next(name, 0);
        if (header < 0) {
            return null;
        }
        ValueScanner s = scanner(message, header);
        if (!s.digits()) {
            return null;
        }
        long delta = s.spanAsNumber();
        return new SessionExpires(delta, message.text(s.position(), s.end()));
    }

    static Replaces replaces(BufferedSipMessage message) {
        int header = message.head().headers.next(HeaderName.REPLACES, 0);
        if (header < 0) {
            return null;
        }
        ValueScanner s = scanner(message, header);
        if (!s.until(';')) {
            return null;
        }
        return new Replaces(s.spanAsString(), message.text(s.position(), s.end()));
    }

    static AuthHeader auth(BufferedSipMessage message, HeaderName name) {
        int header = message.head().headers.next(name, 0);
        if (header < 0) {
            return null;
        }
        ValueScanner s = scanner(message, header);
        if (!s.token()) {
            return null;
        }
        String scheme = s.spanAsString();
        s.skipLws();
        return new AuthHeader(scheme, message.text(s.position(), s.end()));
    }

    private static ValueScanner scanner(BufferedSipMessage message, int header) {
        HeaderIndex index = message.head().headers;
        return new ValueScanner(message.octets(), index.valueStart(header), index.valueEnd(header));
    }
}
