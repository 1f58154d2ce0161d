package org.cloudgate.sip.transport;

import org.cloudgate.sip.codec.SipDecoderConfig;
import org.cloudgate.sip.transaction.TransactionTimers;

import java.time.Duration;
import java.util.Optional;

/**
 * What the SIP listeners bind and how they behave.
 *
 * @param bindAddress    IP address of every listener
 * @param udpPort        UDP port, 0 for any free port, {@link #DISABLED} for none
 * @param tcpPort        TCP port, likewise
 * @param tlsPort        TLS port, likewise; needs {@code tls}
 * @param tls            certificate and key of the TLS listener
 * @param timers         T1, T2, T4 of the transactions
 * @param limits         the decoders' size limits
 * @param idleTimeout    a TCP/TLS connection without traffic this long is closed
 * @param connectTimeout how long an outgoing TCP/TLS connection may take to open
 */
public record SipStackSettings(String bindAddress, int udpPort, int tcpPort, int tlsPort, Optional<TlsFiles> tls,
                               TransactionTimers timers, SipDecoderConfig limits, Duration idleTimeout,
                               Duration connectTimeout) {

    public static final int DISABLED = -1;

    public SipStackSettings {
        if (tlsPort != DISABLED && tls.isEmpty()) {
            throw new IllegalArgumentException("a TLS port needs a certificate and a key");
        }
    }
}
