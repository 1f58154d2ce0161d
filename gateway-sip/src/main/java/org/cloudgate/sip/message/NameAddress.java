package org.cloudgate.sip.message;

import org.cloudgate.sip.uri.Parameters;
import org.cloudgate.sip.uri.SipUri;

/**
 * A decoded address header value: From, To, Contact, Route, Record-Route, Diversion,
 * History-Info, P-Asserted-Identity, Refer-To (RFC 3261 section 20.10 and the extensions).
 *
 * @param displayName the display name as written (quotes kept), or empty
 * @param uri         the URI as written, escapes intact
 * @param params      header parameters as written, leading {@code ;} included, or empty
 */
public record NameAddress(String displayName, String uri, String params) {

    /** The {@code tag} parameter (RFC 3261 section 19.3), or {@code null}. */
    public String tag() {
        return param("tag");
    }

    /** The header parameter {@code name}: its value, {@code ""} for a flag, or {@code null}. */
    public String param(String name) {
        return Parameters.find(params, name);
    }

    /** The URI as a sip/sips URI, or {@code null} for another scheme. */
    public SipUri sipUri() {
        return SipUri.parse(uri);
    }
}
