package org.cloudgate.sip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DatagramPacket;
import org.cloudgate.sip.message.SipMessage;

import java.net.InetSocketAddress;

/** SIP over one UDP socket (RFC 3261 section 18): one message per datagram, unreliable. */
public final class UdpTransport implements SipTransport {

    private final Channel channel;

    UdpTransport(Channel channel) {
        this.channel = channel;
    }

    @Override
    public String name() {
        return "UDP";
    }

    @Override
    public boolean reliable() {
        return false;
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /**
     * One copy of the message into one direct buffer: a datagram leaves in one piece, and a
     * spliced composite with heap parts would be merged and copied again by the socket layer on
     * every send and retransmission.
     */
    @Override
    public ByteBuf encode(SipMessage message, ByteBufAllocator allocator) {
        ByteBuf datagram = allocator.ioBuffer(message.encodedLength());
        message.writeTo(datagram);
        return datagram;
    }

    @Override
    public void send(ByteBuf encoded, InetSocketAddress destination, TransportFailure onFailure) {
        channel.writeAndFlush(new DatagramPacket(encoded, destination)).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                onFailure.failed(f.cause());
            }
        });
    }

    Channel channel() {
        return channel;
    }
}
