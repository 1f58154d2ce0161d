package org.cloudgate.rtp.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rewrites an offer or answer so that media flows through the relay ("indirect switching"):
 * connection addresses, ports, {@code a=rtcp} and the origin address now name the relay.
 *
 * <ul>
 * <li>{@code c=} at session and media level gets the relay address (IPv4 or IPv6), except the
 *     unspecified address 0.0.0.0 used to signal hold (RFC 3264 section 8.4), which stays.</li>
 * <li>Each {@code m=} gets its relay port; a stream the relay has no port for is disabled with
 *     port 0 (RFC 3264 section 6), since its media would otherwise bypass the relay. A stream
 *     that was already disabled stays so.</li>
 * <li>{@code a=rtcp} (RFC 3605) names the relay's RTCP port, the RTP port + 1.</li>
 * <li>ICE attributes (RFC 8839 section 5) are removed: the relay does no connectivity checks,
 *     and candidates would lead peers around it. {@code a=rtcp-mux} (RFC 5761 section 5.1.1) is
 *     removed too: the relay keeps RTP and RTCP on separate ports.</li>
 * <li>Direction attributes, codecs, {@code a=crypto} (SRTP, RFC 4568) and all other lines are
 *     kept unchanged, so hold, DTMF events and SRTP work end to end.</li>
 * </ul>
 * The origin version is left to {@link OriginVersions}, which knows what was sent before.
 */
public final class RelayRewriter {

    static final Set<String> REMOVED_ATTRIBUTES = Set.of(
            "candidate", "remote-candidates", "end-of-candidates", "ice-ufrag", "ice-pwd",
            "ice-options", "ice-lite", "ice-mismatch", "ice-pacing", "rtcp-mux", "rtcp-mux-only");

    private RelayRewriter() {
    }

    /**
     * @param relay     the relay's address as it goes into SDP
     * @param rtpPorts  the relay RTP port for media section 0, 1, ...; a section without an entry
     *                  (or with 0) is disabled
     */
    public static SessionDescription rewrite(SessionDescription sdp, MediaAddress relay, int... rtpPorts) {
        List<SdpLine> session = new ArrayList<>(sdp.sessionLines().size());
        for (SdpLine line : sdp.sessionLines()) {
            if (keep(line)) {
                session.add(line.type() == 'c' ? connection(line, relay) : line);
            }
        }
        List<MediaSection> media = new ArrayList<>(sdp.media().size());
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaSection section = sdp.media().get(i);
            int port = i < rtpPorts.length ? rtpPorts[i] : 0;
            media.add(rewrite(section, relay, port));
        }
        return sdp.with(session, sdp.origin().withAddress(relay), media);
    }

    private static MediaSection rewrite(MediaSection section, MediaAddress relay, int port) {
        MediaLine mediaLine = section.mediaLine();
        List<SdpLine> lines = new ArrayList<>(section.lines().size());
        for (SdpLine line : section.lines()) {
            if (!keep(line)) {
                continue;
            }
            if (mediaLine.disabled() || port == 0) {
                lines.add(line);
            } else if (line.type() == 'c') {
                lines.add(connection(line, relay));
            } else if (line.isAttribute("rtcp")) {
                lines.add(new SdpLine('a', "rtcp:" + (port + 1) + " " + relay.connectionValue()));
            } else {
                lines.add(line);
            }
        }
        int newPort = mediaLine.disabled() ? 0 : port;
        return section.with(mediaLine.withPort(newPort), lines);
    }

    private static boolean keep(SdpLine line) {
        return line.type() != 'a' || !REMOVED_ATTRIBUTES.contains(line.attributeName());
    }

    private static SdpLine connection(SdpLine line, MediaAddress relay) {
        try {
            if (MediaAddress.parseConnection(line.value()).isUnspecified()) {
                return line;
            }
        } catch (SdpSyntaxException e) {
            return new SdpLine('c', relay.connectionValue());
        }
        return new SdpLine('c', relay.connectionValue());
    }
}
