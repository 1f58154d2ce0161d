package org.cloudgate.sip.message;

/** A SIP response (RFC 3261 section 7.2). */
public interface SipResponse extends SipMessage {

    /** The status code, 100 to 699. */
    int status();

    /** The reason phrase as written (may be empty, RFC 4475 3.1.1.13). */
    String reasonPhrase();
}
