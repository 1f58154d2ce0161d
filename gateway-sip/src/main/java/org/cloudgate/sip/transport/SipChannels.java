package org.cloudgate.sip.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;

/**
 * The event loops SIP runs on and the channel types that go with them (epoll or NIO), as the
 * daemon chose them for every component.
 *
 * @param epoll whether the channels are epoll channels, which can share a UDP port across loops
 */
public record SipChannels(EventLoopGroup group, Class<? extends DatagramChannel> datagramChannel,
                          Class<? extends ServerChannel> serverChannel,
                          Class<? extends SocketChannel> socketChannel, boolean epoll) {
}
