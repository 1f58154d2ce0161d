package org.cloudgate.sip.transport;

/**
 * How requests reach a peer: the PBX's "Transport protocols" field, or a client's registered
 * transport. {@link #UDP_OR_TCP} sends over UDP and switches large requests to TCP
 * (RFC 3261 section 18.1.1).
 */
public enum TransportPolicy {
    UDP, TCP, TLS, UDP_OR_TCP
}
