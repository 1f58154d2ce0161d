package org.cloudgate.sip.message;

import org.cloudgate.sip.wire.Octets;

/**
 * What one pass over a message head found: the start line's parts, the header index, where the
 * body starts, and the first syntax failure if any. Produced by {@link SipHeadParser}, turned
 * into a message by {@link BufferedSipMessage#create}.
 */
public final class SipHead {
    /** How far the parse got. */
    public enum Outcome {
        /** Start line and header block complete; {@link #bodyStart()} is valid. */
        COMPLETE,
        /** More octets are needed (stream framing). */
        INCOMPLETE,
        /** The octets are not a SIP message at all: no start line could be read. */
        NOT_SIP,
        /** A start line was read but the head is broken beyond delimiting: see {@link #rejection()}. */
        BROKEN
    }

    final HeaderIndex headers;
    Octets octets;
    Outcome outcome;
    SipRejection rejection;
    boolean request;
    int startLineEnd;
    int headersStart;
    int bodyStart;
    int methodEnd;
    int uriStart;
    int uriEnd;
    int statusCode;
    int reasonStart;

    SipHead(HeaderIndex headers) {
        this.headers = headers;
    }

    /** The octets this head was read from (index 0 is the start line). */
    public Octets octets() {
        return octets;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The first syntax failure found, or {@code null}. */
    public SipRejection rejection() {
        return rejection;
    }

    /** Whether a whole start line was read (a request or a status line). */
    public boolean startLineRead() {
        return headersStart > 0;
    }

    public boolean isRequest() {
        return request;
    }

    public int bodyStart() {
        return bodyStart;
    }

    public HeaderIndex headers() {
        return headers;
    }

    /** Where the method ends (requests): the method is {@code [0, methodEnd)}. */
    public int methodEnd() {
        return methodEnd;
    }

    public int uriStart() {
        return uriStart;
    }

    public int uriEnd() {
        return uriEnd;
    }

    /** Records a failure unless an earlier one is already recorded (the first one wins). */
    public void reject(SipRejection reason) {
        if (rejection == null) {
            rejection = reason;
        }
    }
}
