package org.cloudgate.sip.registration;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.cloudgate.sip.message.NameAddress;
import org.cloudgate.sip.transport.SipTransport;

/**
 * One registered contact of a user (RFC 3261 section 10.3): where a client said it can be
 * reached, and where the REGISTER really came from. Requests to the client go to {@code source}
 * over {@code transport}, the flow the client opened (RFC 5626 section 5 style), not to the
 * Contact host, which behind NAT is usually a private address.
 *
 * @param user           the authenticated user the binding belongs to
 * @param contact        the Contact value as registered (its URI is the Request-URI of requests
 *                       to the client)
 * @param callId         Call-ID of the REGISTER that made or last refreshed the binding
 * @param cseq           its CSeq number, for the ordering rule of section 10.3 step 7
 * @param expiresAtNanos when it expires, on the registrar's event-loop ticker
 * @param source         the address the REGISTER came from
 * @param transport      the transport it came over
 */
public record Binding(String user, NameAddress contact, String callId, long cseq, long expiresAtNanos,
                      InetSocketAddress source, SipTransport transport) {

    /** Seconds left at {@code nowNanos}, rounded up, never negative. */
    public long expiresInSeconds(long nowNanos) {
        long left = expiresAtNanos - nowNanos;
        return left <= 0 ? 0 : (left + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
