package org.cloudgate.sip.transaction;

import org.cloudgate.sip.message.SipMessage;
import org.cloudgate.sip.message.Via;

import java.util.Locale;

/**
 * What identifies a transaction (RFC 3261 sections 17.1.3 and 17.2.3): the top Via branch, the
 * sent-by of that Via on the server side, and the method, ACK matching its INVITE. Requests from
 * pre-RFC 3261 elements, whose branch lacks the magic cookie, are keyed by the RFC 2543 fields
 * instead (Call-ID, CSeq number, From tag and the whole top Via).
 */
record TransactionKey(String branch, String sentBy, String method) {

    static TransactionKey forServer(SipMessage message, String method) {
        Via via = message.topVia();
        String matched = "ACK".equals(method) ? "INVITE" : method;
        if (via.hasRfc3261Branch()) {
            return new TransactionKey(via.branch(), sentBy(via), matched);
        }
        String fromTag = message.from() == null ? "" : String.valueOf(message.from().tag());
        String legacy = message.callId() + "|" + message.cseq().number() + "|" + fromTag;
        return new TransactionKey(legacy, via.host() + ":" + via.port() + via.params(), matched);
    }

    /** The INVITE server transaction a CANCEL is for (RFC 3261 section 9.2): same key, method INVITE. */
    static TransactionKey cancelled(SipMessage cancel) {
        TransactionKey key = forServer(cancel, "CANCEL");
        return new TransactionKey(key.branch, key.sentBy, "INVITE");
    }

    static TransactionKey forClient(String branch, String method) {
        return new TransactionKey(branch, "", "ACK".equals(method) ? "INVITE" : method);
    }

    private static String sentBy(Via via) {
        return via.host().toLowerCase(Locale.ROOT) + ":" + via.port();
    }
}
