package org.cloudgate.sip.transport;

import java.net.InetSocketAddress;

/** A SIP listener could not start: its address is taken or not on this host, or TLS files are unusable. */
public final class SipListenerException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String transport;
    private final transient InetSocketAddress address;

    public SipListenerException(String transport, InetSocketAddress address, Throwable cause) {
        super("cannot listen for SIP over " + transport + " on " + address.getHostString() + ":" + address.getPort()
                + ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
        this.transport = transport;
        this.address = address;
    }

    /** "UDP", "TCP" or "TLS". */
    public String transport() {
        return transport;
    }

    public InetSocketAddress address() {
        return address;
    }
}
