package org.cloudgate.rtp.sdp;

import java.util.List;
import java.util.Optional;

/**
 * A parsed SDP body (RFC 4566): the session-level lines in their order, the origin, and the
 * media sections. Immutable: rewriting returns a new description and leaves every line it does
 * not touch as it was.
 */
public final class SessionDescription {

    private final List<SdpLine> sessionLines;
    private final Origin origin;
    private final List<MediaSection> media;

    SessionDescription(List<SdpLine> sessionLines, Origin origin, List<MediaSection> media) {
        this.sessionLines = List.copyOf(sessionLines);
        this.origin = origin;
        this.media = List.copyOf(media);
    }

    /** Session-level lines, {@code v=} first; the {@code o=} line is kept as {@link #origin()}. */
    public List<SdpLine> sessionLines() {
        return sessionLines;
    }

    public Origin origin() {
        return origin;
    }

    public List<MediaSection> media() {
        return media;
    }

    /** The session-level {@code c=}, if any. */
    public Optional<MediaAddress> connection() {
        return MediaAddress.connectionIn(sessionLines);
    }

    /** The connection address in force for media section {@code index}. */
    public Optional<MediaAddress> connection(int index) {
        Optional<MediaAddress> mediaLevel = media.get(index).connection();
        return mediaLevel.isPresent() ? mediaLevel : connection();
    }

    /** The direction in force for media section {@code index} (RFC 3264 section 5.1). */
    public String direction(int index) {
        return media.get(index).direction(sessionLines);
    }

    SessionDescription with(List<SdpLine> newSessionLines, Origin newOrigin, List<MediaSection> newMedia) {
        return new SessionDescription(newSessionLines, newOrigin, newMedia);
    }

    public SessionDescription withOrigin(Origin newOrigin) {
        return new SessionDescription(sessionLines, newOrigin, media);
    }

    /** The body as sent on the wire: CRLF line ends (RFC 4566 section 5). */
    public String encode() {
        StringBuilder out = new StringBuilder(512);
        appendSession(out, true);
        for (MediaSection section : media) {
            section.appendTo(out);
        }
        return out.toString();
    }

    /** Everything but the {@code o=} line: what decides whether the version must grow. */
    String encodeWithoutOrigin() {
        StringBuilder out = new StringBuilder(512);
        appendSession(out, false);
        for (MediaSection section : media) {
            section.appendTo(out);
        }
        return out.toString();
    }

    private void appendSession(StringBuilder out, boolean withOrigin) {
        for (SdpLine line : sessionLines) {
            out.append(line).append("\r\n");
            if (line.type() == 'v' && withOrigin) {
                out.append("o=").append(origin.value()).append("\r\n");
            }
        }
    }

    @Override
    public String toString() {
        return encode();
    }
}
