package org.cloudgate.sip.message;

import org.cloudgate.sip.uri.Parameters;

/**
 * A decoded Replaces value (RFC 3891 section 6.1): the dialog a new INVITE takes over.
 *
 * @param callId the Call-ID of the dialog to replace
 * @param params parameters as written ({@code to-tag}, {@code from-tag}, {@code early-only})
 */
public record Replaces(String callId, String params) {

    public String toTag() {
        return Parameters.find(params, "to-tag");
    }

    public String fromTag() {
        return Parameters.find(params, "from-tag");
    }

    public boolean earlyOnly() {
        return Parameters.find(params, "early-only") != null;
    }
}
