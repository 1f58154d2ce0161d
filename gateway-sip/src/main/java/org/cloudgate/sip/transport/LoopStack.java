package org.cloudgate.sip.transport;

import org.cloudgate.sip.transaction.TransactionLayer;

/**
 * The SIP stack of one event loop: its transaction layer and the transports it sends on. Calls
 * placed on a loop use that loop's stack, so a transaction and its messages never leave the loop.
 *
 * @param udp the UDP socket of this loop (shared with other loops when the platform cannot
 *            spread one port over several sockets), or {@code null} without a UDP listener
 * @param tcp TCP connections of this loop, or {@code null} without a TCP listener
 * @param tls TLS connections of this loop, or {@code null} without a TLS listener
 */
public record LoopStack(TransactionLayer layer, UdpTransport udp, StreamTransport tcp, StreamTransport tls) {

    /**
     * RFC 3261 section 18.1.1: a request larger than 1300 octets, when the path MTU is unknown,
     * must go over a congestion-controlled transport. Requests are measured before their Via is
     * written, so the Via names the transport that carries them.
     */
    public static final int UDP_REQUEST_LIMIT = 1300;

    /**
     * The transport for a request of about {@code encodedLength} octets to a peer reached by
     * {@code policy}: UDP when it fits or when UDP is all the peer takes, TCP otherwise.
     *
     * @throws IllegalStateException when the policy needs a transport this gateway does not run
     */
    public SipTransport transportFor(TransportPolicy policy, int encodedLength) {
        return switch (policy) {
            case UDP -> require(udp, "UDP");
            case TCP -> require(tcp, "TCP");
            case TLS -> require(tls, "TLS");
            case UDP_OR_TCP -> encodedLength > UDP_REQUEST_LIMIT && tcp != null || udp == null
                    ? require(tcp, "TCP") : udp;
        };
    }

    private static SipTransport require(SipTransport transport, String name) {
        if (transport == null) {
            throw new IllegalStateException("SIP over " + name + " is not enabled on this gateway");
        }
        return transport;
    }
}
