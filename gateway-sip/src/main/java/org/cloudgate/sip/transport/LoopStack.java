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
}
