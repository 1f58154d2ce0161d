/**
 * Netty framing for SIP: one message per UDP datagram, Content-Length framing on TCP/TLS
 * streams (RFC 3261 section 18.3), the syntax layer's verdict on each message, error answers,
 * and counters per rejection reason.
 */
package org.cloudgate.sip.codec;
