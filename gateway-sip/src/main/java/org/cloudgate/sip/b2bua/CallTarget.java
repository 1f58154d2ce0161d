package org.cloudgate.sip.b2bua;

import org.cloudgate.sip.auth.DigestClient;
import org.cloudgate.sip.transport.SipTransport;
import org.cloudgate.sip.transport.TransportPolicy;

import java.net.InetSocketAddress;

/**
 * One destination of an outgoing call leg.
 *
 * @param requestUri  the Request-URI of the INVITE
 * @param toUri       the URI written into To
 * @param destination where the INVITE is sent: the PBX, or the flow a client registered from
 * @param transport   the transport of that flow, or {@code null} to choose one by {@code policy}
 * @param policy      how to choose the transport when {@code transport} is {@code null}
 * @param credentials answers a 401/407 challenge of the destination once, or {@code null}
 */
public record CallTarget(String requestUri, String toUri, InetSocketAddress destination, SipTransport transport,
                         TransportPolicy policy, DigestClient credentials) {

    /** A target reached over the flow a client opened (its registration). */
    public static CallTarget overFlow(String requestUri, InetSocketAddress source, SipTransport transport) {
        return new CallTarget(requestUri, requestUri, source, transport, null, null);
    }
}
