package org.cloudgate.sip.message;

import org.cloudgate.sip.uri.Parameters;

/**
 * A decoded credentials or challenge value: Authorization, Proxy-Authorization,
 * WWW-Authenticate, Proxy-Authenticate (RFC 3261 sections 20.7, 20.27, 20.28, 20.44).
 *
 * @param scheme the auth scheme ({@code Digest} or an unknown one)
 * @param params the comma-separated auth parameters as written
 */
public record AuthHeader(String scheme, String params) {

    /** The auth parameter {@code name} ({@code realm}, {@code nonce}...), unquoted, or {@code null}. */
    public String param(String name) {
        return Parameters.find(";" + params.replace(',', ';'), name);
    }
}
