package org.cloudgate.rtp.relay;

import io.netty.buffer.ByteBuf;

import java.net.InetSocketAddress;

/**
 * Sees the RTP packets the relay receives and sends, for a packet trace. The relay asks
 * {@link #active()} once per packet and builds addresses only when it says yes, so an idle tap
 * costs one read on the packet path.
 */
public interface RelayTap {

    /** Sees nothing. */
    RelayTap NONE = new RelayTap() {
        @Override
        public boolean active() {
            return false;
        }

        @Override
        public void rtp(InetSocketAddress source, InetSocketAddress destination, ByteBuf packet) {
        }
    };

    /** Whether packets are wanted now. */
    boolean active();

    /**
     * One RTP packet on the wire, as received from a peer or as sent on toward the other peer. Called
     * on the session's event loop; {@code packet} is read, not kept or released.
     */
    void rtp(InetSocketAddress source, InetSocketAddress destination, ByteBuf packet);
}
