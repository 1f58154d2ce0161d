package org.cloudgate.sip.message;

/**
 * A decoded CSeq value (RFC 3261 section 20.16).
 *
 * @param number sequence number, below 2**31 (section 8.1.1.5)
 * @param method the method, case-sensitive
 */
public record CSeq(long number, String method) {
}
