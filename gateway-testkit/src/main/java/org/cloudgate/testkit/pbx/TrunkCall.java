package org.cloudgate.testkit.pbx;

import org.cloudgate.sip.message.NameAddress;
import org.cloudgate.sip.message.SipRequest;

import java.util.List;

/**
 * An INVITE the PBX sent "to the SIP provider" through its outgoing route, as the gateway wrote
 * it: what GSM routing and call-through tests check (the number dialled, the presented caller,
 * the redirecting information and the privacy headers).
 *
 * @param requestUri        the Request-URI
 * @param number            its user part: the dialled digits, route prefix included
 * @param from              From (RFC 3261 section 20.20)
 * @param to                To
 * @param diversions        Diversion entries (RFC 5806), most recent first
 * @param historyInfo       History-Info entries (RFC 7044) in message order
 * @param assertedIdentities P-Asserted-Identity values (RFC 3325)
 * @param privacy           Privacy values (RFC 3323)
 * @param message           the whole INVITE, for any other header
 */
public record TrunkCall(String requestUri, String number, NameAddress from, NameAddress to,
                        List<NameAddress> diversions, List<NameAddress> historyInfo,
                        List<NameAddress> assertedIdentities, List<String> privacy, RecordedMessage message) {

    static TrunkCall of(SipRequest invite, String number, RecordedMessage message) {
        return new TrunkCall(invite.requestUri(), number, invite.from(), invite.to(), List.copyOf(invite.diversions()),
                List.copyOf(invite.historyInfo()), List.copyOf(invite.assertedIdentities()),
                List.copyOf(invite.privacy()), message);
    }

    /** The first value of any header of the INVITE, or {@code null}. */
    public String header(String name) {
        return message.header(name);
    }
}
