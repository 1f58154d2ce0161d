package org.cloudgate.sip.b2bua;

import org.cloudgate.sip.message.Replaces;
import org.cloudgate.sip.uri.SipUri;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session replacement across the B2BUA (RFC 3891, vendor field "Session replacement support"). A
 * peer names a dialog it has with the gateway (pickup, attended transfer); the dialog that
 * matters to the far end is the other leg of that call. This index finds answered dialogs of
 * every loop by Call-ID and the gateway's tag, and writes the other leg's identifiers in the
 * form the far end knows them.
 *
 * <p>Dialogs are added on their call's loop once answered and read from any loop; their
 * identifiers do not change after that.
 */
final class DialogReplacement {

    private final Map<String, Dialog> answered = new ConcurrentHashMap<>();

    private static String key(String callId, String localTag) {
        return callId + '|' + localTag;
    }

    void add(Dialog dialog) {
        answered.put(key(dialog.callId, dialog.localTag), dialog);
    }

    void remove(Dialog dialog) {
        answered.remove(key(dialog.callId, dialog.localTag), dialog);
    }

    /**
     * The gateway's dialog a Replaces names: its Call-ID, the gateway's tag as to-tag, the peer's
     * as from-tag (RFC 3891 section 3), or {@code null}.
     */
    Dialog find(Replaces replaces) {
        if (replaces == null || replaces.toTag() == null || replaces.fromTag() == null) {
            return null;
        }
        Dialog dialog = answered.get(key(replaces.callId(), replaces.toTag()));
        return dialog != null && replaces.fromTag().equals(dialog.remoteTag) ? dialog : null;
    }

    /** The Replaces value that names {@code dialog} for its peer: the peer's tag is the to-tag. */
    static String value(Dialog dialog) {
        return dialog.callId + ";to-tag=" + dialog.remoteTag + ";from-tag=" + dialog.localTag;
    }

    /**
     * A Refer-To URI whose {@code Replaces} header (RFC 3891 section 7.1) names a dialog of the
     * gateway, rewritten for the other leg: the far end's target with the far end's identifiers;
     * {@code null} when it names no known dialog, the URI unchanged when it has no Replaces.
     */
    String referTo(String uri) {
        int query = uri.indexOf('?');
        if (query < 0) {
            return uri;
        }
        String headers = uri.substring(query + 1);
        for (String header : headers.split("&")) {
            int equals = header.indexOf('=');
            if (equals > 0 && header.substring(0, equals).equalsIgnoreCase("Replaces")) {
                Replaces replaces = parse(SipUri.unescape(header.substring(equals + 1)));
                Dialog named = find(replaces);
                Dialog far = named == null ? null : named.other();
                if (far == null || far.remoteTag == null) {
                    return null;
                }
                return far.remoteTarget + "?Replaces=" + escape(value(far));
            }
        }
        return uri;
    }

    private static Replaces parse(String value) {
        int semicolon = value.indexOf(';');
        return semicolon <= 0 ? null : new Replaces(value.substring(0, semicolon).trim(), value.substring(semicolon));
    }

    /** Escapes what a URI header value may not hold literally (RFC 3261 section 25.1, hvalue). */
    private static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case ';' -> escaped.append("%3B");
                case '=' -> escaped.append("%3D");
                case '@' -> escaped.append("%40");
                case '&' -> escaped.append("%26");
                case '?' -> escaped.append("%3F");
                case '%' -> escaped.append("%25");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
