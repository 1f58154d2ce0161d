package org.cloudgate.core.config;

/** SIP transport toward the PBX (vendor field "Transport protocols"). */
public enum PbxTransport {
    UDP,
    TCP,
    /**
     * UDP, switching to TCP for a request that would come close to the path MTU
     * (RFC 3261 section 18.1.1); both are accepted from the PBX.
     */
    UDP_OR_TCP
}
