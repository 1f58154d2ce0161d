package org.cloudgate.rtp.sdp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * A connection address as SDP writes it ({@code IN IP4 192.0.2.1}, {@code IN IP6 2001:db8::1},
 * RFC 4566 section 5.7), parsed without any DNS lookup: the media path must not block on a
 * resolver, so a host name in {@code c=} yields no socket address.
 */
public record MediaAddress(String addressType, String host) {

    /** The relay's address for SDP: IP4 or IP6 chosen from the literal. */
    public static MediaAddress of(InetAddress address) {
        String text = address.getHostAddress();
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        return new MediaAddress(address.getAddress().length == 4 ? "IP4" : "IP6", text);
    }

    static MediaAddress parseConnection(String value) throws SdpSyntaxException {
        var t = Tokens.of(value);
        if (t.size() != 3 || !t.get(0).equals("IN")) {
            throw new SdpSyntaxException("c= needs \"IN <addrtype> <address>\"");
        }
        return new MediaAddress(t.get(1), t.get(2));
    }

    /** The first {@code c=} among {@code lines}; empty when none (or it is unreadable). */
    static Optional<MediaAddress> connectionIn(List<SdpLine> lines) {
        for (SdpLine line : lines) {
            if (line.type() == 'c') {
                try {
                    return Optional.of(parseConnection(line.value()));
                } catch (SdpSyntaxException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The unicast "hold" address of RFC 2543 (0.0.0.0), which RFC 3264 section 8.4 still reads. */
    public boolean isUnspecified() {
        return host.equals("0.0.0.0") || host.equals("::");
    }

    /** The socket address for {@code port}, if the host is an IP literal (multicast TTL ignored). */
    public Optional<InetSocketAddress> socketAddress(int port) {
        String literal = host;
        int slash = literal.indexOf('/');
        if (slash >= 0) {
            literal = literal.substring(0, slash);
        }
        if (!isLiteral(literal)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByName(literal), port));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    String connectionValue() {
        return "IN " + addressType + ' ' + host;
    }

    /** IPv4 dotted quad or an IPv6 literal: what InetAddress parses without a lookup. */
    private boolean isLiteral(String text) {
        if (text.isEmpty()) {
            return false;
        }
        boolean ip6 = addressType.equals("IP6");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.'
                    || (ip6 && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
            if (!ok) {
                return false;
            }
        }
        return ip6 ? text.indexOf(':') >= 0 : true;
    }
}
