package org.cloudgate.sip.transaction;

import org.cloudgate.sip.codec.OutgoingRequests;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;

/**
 * The requests the transaction layer writes itself: the ACK for a non-2xx final response
 * (RFC 3261 section 17.1.1.3) and the CANCEL of a pending INVITE (section 9.1). Both reuse the
 * INVITE's Request-URI, top Via, From, Call-ID, CSeq number and Route set.
 */
final class ControlRequests {

    private ControlRequests() {
    }

    static SipRequest ackFor(SipRequest invite, SipResponse response) {
        return build("ACK", invite, response.header(HeaderName.TO));
    }

    static SipRequest cancelFor(SipRequest invite) {
        return build("CANCEL", invite, invite.header(HeaderName.TO));
    }

    private static SipRequest build(String method, SipRequest invite, String to) {
        StringBuilder text = new StringBuilder(512)
                .append(method).append(' ').append(invite.requestUri()).append(" SIP/2.0\r\n")
                .append("Via: ").append(invite.headers(HeaderName.VIA).get(0)).append("\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: ").append(invite.header(HeaderName.FROM)).append("\r\n")
                .append("To: ").append(to).append("\r\n")
                .append("Call-ID: ").append(invite.callId()).append("\r\n")
                .append("CSeq: ").append(invite.cseq().number()).append(' ').append(method).append("\r\n");
        for (String route : invite.headers(HeaderName.ROUTE)) {
            text.append("Route: ").append(route).append("\r\n");
        }
        text.append("Content-Length: 0\r\n\r\n");
        return OutgoingRequests.fromText(text);
    }
}
