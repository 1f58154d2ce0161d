package org.cloudgate.rtp.sdp;

import org.cloudgate.rtp.stats.ClockRates;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a peer wants one stream's media, read from its SDP: what a relay leg is told with
 * {@code RelaySession.announce}.
 *
 * @param rtp   connection address and {@code m=} port
 * @param rtcp  from {@code a=rtcp} (RFC 3605) when present, else the RTP port + 1 (RFC 3550 11)
 * @param rates clock rates of the stream's payload types, from {@code a=rtpmap}
 */
public record MediaEndpoint(InetSocketAddress rtp, InetSocketAddress rtcp, ClockRates rates) {

    /**
     * The endpoint of media section {@code index}; empty when the stream is disabled, on hold by
     * the 0.0.0.0 address, or its address is a host name (no DNS on the media path).
     */
    public static Optional<MediaEndpoint> of(SessionDescription sdp, int index) {
        if (index < 0 || index >= sdp.media().size()) {
            return Optional.empty();
        }
        MediaSection section = sdp.media().get(index);
        int port = section.mediaLine().port();
        Optional<MediaAddress> address = sdp.connection(index);
        if (port == 0 || address.isEmpty() || address.get().isUnspecified()) {
            return Optional.empty();
        }
        Optional<InetSocketAddress> rtp = address.get().socketAddress(port);
        if (rtp.isEmpty()) {
            return Optional.empty();
        }
        InetSocketAddress rtcp = rtcpAddress(section, address.get(), port).orElse(
                new InetSocketAddress(rtp.get().getAddress(), Math.min(port + 1, 65535)));
        return Optional.of(new MediaEndpoint(rtp.get(), rtcp, clockRates(section)));
    }

    /** {@code a=rtcp:<port> [IN <type> <address>]}. */
    private static Optional<InetSocketAddress> rtcpAddress(MediaSection section, MediaAddress media, int rtpPort) {
        Optional<String> attribute = section.attribute("rtcp");
        if (attribute.isEmpty()) {
            return Optional.empty();
        }
        var tokens = Tokens.of(attribute.get());
        try {
            int port = (int) SdpSyntaxException.number(tokens.get(0), "a=rtcp port");
            if (port == 0 || port > 65535) {
                return Optional.empty();
            }
            MediaAddress address = tokens.size() == 4
                    ? new MediaAddress(tokens.get(2), tokens.get(3)) : media;
            return address.socketAddress(port);
        } catch (SdpSyntaxException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static ClockRates clockRates(MediaSection section) {
        Map<Integer, Integer> rates = new HashMap<>();
        for (String rtpmap : section.attributes("rtpmap")) {
            int space = rtpmap.indexOf(' ');
            int slash = rtpmap.indexOf('/', space + 1);
            if (space <= 0 || slash < 0) {
                continue;
            }
            int end = rtpmap.indexOf('/', slash + 1);
            try {
                int type = Integer.parseInt(rtpmap.substring(0, space));
                int rate = Integer.parseInt(rtpmap.substring(slash + 1, end < 0 ? rtpmap.length() : end).trim());
                rates.put(type, rate);
            } catch (NumberFormatException e) {
                // An unreadable rtpmap leaves the payload type without a clock: no jitter for it.
                continue;
            }
        }
        return ClockRates.withDynamic(rates);
    }
}
