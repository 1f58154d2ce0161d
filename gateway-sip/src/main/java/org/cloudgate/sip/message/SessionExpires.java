package org.cloudgate.sip.message;

import org.cloudgate.sip.uri.Parameters;

/**
 * A decoded Session-Expires value (RFC 4028 section 4).
 *
 * @param deltaSeconds the session interval
 * @param params       parameters as written, leading {@code ;} included, or empty
 */
public record SessionExpires(long deltaSeconds, String params) {

    /** {@code uac}, {@code uas}, or {@code null} when the refresher is not chosen yet. */
    public String refresher() {
        return Parameters.find(params, "refresher");
    }
}
