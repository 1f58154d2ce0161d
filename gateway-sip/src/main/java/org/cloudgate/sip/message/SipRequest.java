package org.cloudgate.sip.message;

/** A SIP request (RFC 3261 section 7.1). */
public interface SipRequest extends SipMessage {

    /** The method, case-sensitive (RFC 3261 section 7.1). */
    String method();

    /** The Request-URI as written. */
    String requestUri();

    /** Replaces the Request-URI (a proxy's retargeting, RFC 3261 section 16.5). */
    SipRequest setRequestUri(CharSequence uri);
}
