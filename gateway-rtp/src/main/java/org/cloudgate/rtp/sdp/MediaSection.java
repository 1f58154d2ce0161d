package org.cloudgate.rtp.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One media description: its {@code m=} line and the lines under it, in their original order,
 * so that lines nobody rewrites are passed through exactly.
 */
public final class MediaSection {

    private final MediaLine mediaLine;
    private final List<SdpLine> lines;

    MediaSection(MediaLine mediaLine, List<SdpLine> lines) {
        this.mediaLine = mediaLine;
        this.lines = List.copyOf(lines);
    }

    public MediaLine mediaLine() {
        return mediaLine;
    }

    /** The lines after {@code m=}. */
    public List<SdpLine> lines() {
        return lines;
    }

    /** The media-level {@code c=}, if any (else the session-level one applies). */
    public Optional<MediaAddress> connection() {
        return MediaAddress.connectionIn(lines);
    }

    /** The values of every {@code a=name:value} or {@code a=name} line with this name. */
    public List<String> attributes(String name) {
        List<String> values = new ArrayList<>();
        for (SdpLine line : lines) {
            if (line.isAttribute(name)) {
                values.add(line.attributeValue());
            }
        }
        return values;
    }

    public Optional<String> attribute(String name) {
        List<String> values = attributes(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The stream's direction attribute (RFC 3264 section 5.1; {@code sendrecv} when absent),
     * looking at the session level when the media level has none.
     */
    public String direction(List<SdpLine> sessionLines) {
        for (List<SdpLine> level : List.of(lines, sessionLines)) {
            for (SdpLine line : level) {
                if (line.type() == 'a' && Directions.is(line.value())) {
                    return line.value();
                }
            }
        }
        return "sendrecv";
    }

    MediaSection with(MediaLine newMediaLine, List<SdpLine> newLines) {
        return new MediaSection(newMediaLine, newLines);
    }

    MediaSection without(Predicate<SdpLine> remove) {
        List<SdpLine> kept = new ArrayList<>(lines.size());
        for (SdpLine line : lines) {
            if (!remove.test(line)) {
                kept.add(line);
            }
        }
        return new MediaSection(mediaLine, kept);
    }

    void appendTo(StringBuilder out) {
        out.append("m=").append(mediaLine.value()).append("\r\n");
        for (SdpLine line : lines) {
            out.append(line).append("\r\n");
        }
    }

    /** The four direction attributes of RFC 3264 section 5.1. */
    static final class Directions {
        private Directions() {
        }

        static boolean is(String value) {
            return value.equals("sendrecv") || value.equals("sendonly")
                    || value.equals("recvonly") || value.equals("inactive");
        }
    }
}
