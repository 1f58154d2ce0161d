package org.cloudgate.core.transport;

import io.netty.channel.Channel;

import java.net.InetSocketAddress;
import java.util.List;

/** How a bound HTTP listener is named in the ready line and in readiness, e.g. {@code http://[::1]:9090}. */
public final class ListenerUrl {

    private ListenerUrl() {
    }

    /** The URL of the bound channel, or nothing when it is not bound. */
    public static List<String> of(String scheme, Channel channel) {
        if (channel == null) {
            return List.of();
        }
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
        String host = bound.getAddress().getHostAddress();
        return List.of(scheme + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + bound.getPort());
    }
}
