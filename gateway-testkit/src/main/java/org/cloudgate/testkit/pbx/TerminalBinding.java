package org.cloudgate.testkit.pbx;

import org.cloudgate.sip.message.NameAddress;
import org.cloudgate.sip.transport.SipTransport;

import java.net.InetSocketAddress;

/**
 * A terminal registered at the simulated PBX for one extension: where the PBX sends that
 * extension's calls (RFC 3261 section 10.3).
 *
 * @param extension      the extension of the address-of-record
 * @param contact        the Contact as registered; calls go to its URI
 * @param callId         Call-ID of the REGISTER that made or last refreshed it
 * @param cseq           its CSeq number (section 10.3 step 7)
 * @param expiresAtNanos when it expires, on the PBX's event-loop ticker
 * @param source         where the REGISTER came from
 * @param transport      the transport it came over
 */
public record TerminalBinding(String extension, NameAddress contact, String callId, long cseq, long expiresAtNanos,
                              InetSocketAddress source, SipTransport transport) {
}
