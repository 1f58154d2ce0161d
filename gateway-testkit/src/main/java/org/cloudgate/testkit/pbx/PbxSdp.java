package org.cloudgate.testkit.pbx;

import org.cloudgate.rtp.sdp.MediaLine;
import org.cloudgate.rtp.sdp.MediaSection;
import org.cloudgate.rtp.sdp.SdpParser;
import org.cloudgate.rtp.sdp.SdpResult;
import org.cloudgate.rtp.sdp.SessionDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The SDP one simulated call sends (RFC 3264 offer/answer over RFC 4566): G.711 (PCMU, PCMA) and
 * telephone-events (RFC 4733) on the call's echo port. One instance per dialog keeps the session
 * id and counts the version up only when the description changes (RFC 3264 section 8).
 */
final class PbxSdp {

    /** Payload types the PBX takes, static ones of RFC 3551 table 4. */
    private static final List<String> STATIC_CODECS = List.of("0", "8");
    private static final String TELEPHONE_EVENT = "telephone-event/8000";
    private static final int OFFERED_EVENT_TYPE = 101;

    /**
     * An answer and the direction it gives the PBX's side.
     *
     * @param body      the SDP text
     * @param direction the direction attribute of the accepted audio stream, from the PBX's view
     */
    record Answer(String body, String direction) {

        /** Whether the PBX's side sends media in this direction (RFC 3264 section 6.1). */
        boolean pbxSends() {
            return sends(direction);
        }
    }

    private final String host;
    private final String sessionId = Long.toString(ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE));
    private long version;
    private String last;

    PbxSdp(String host) {
        this.host = host;
    }

    /** An offer of an audio stream on {@code port}, both ways. */
    String offer(int port) {
        return describe(List.of("m=audio " + port + " RTP/AVP 0 8 " + OFFERED_EVENT_TYPE,
                "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:" + OFFERED_EVENT_TYPE + " " + TELEPHONE_EVENT,
                "a=fmtp:" + OFFERED_EVENT_TYPE + " 0-15", "a=ptime:20", "a=sendrecv"));
    }

    /**
     * The answer to {@code offer} with the audio on {@code port}: the first audio stream offered
     * with PCMU or PCMA is accepted, every other stream is refused with port 0 (RFC 3264 section
     * 6), the direction mirrored (section 6.1). {@code null} when no stream can be accepted or the
     * offer is not SDP: the INVITE then gets 488.
     */
    Answer answer(String offer, int port) {
        SdpResult result = SdpParser.parse(offer);
        if (!(result instanceof SdpResult.Parsed parsed)) {
            return null;
        }
        SessionDescription description = parsed.description();
        List<String> lines = new ArrayList<>();
        String accepted = null;
        for (int index = 0; index < description.media().size(); index++) {
            MediaSection section = description.media().get(index);
            MediaLine media = section.mediaLine();
            List<String> formats = accepted == null ? acceptedFormats(section) : List.of();
            if (!"audio".equals(media.media()) || media.disabled() || !"RTP/AVP".equals(media.proto())
                    || formats.isEmpty()) {
                lines.add("m=" + media.media() + " 0 " + media.proto() + " " + media.formats().get(0));
                continue;
            }
            boolean heldByAddress = description.connection(index).map(a -> a.isUnspecified()).orElse(false);
            accepted = mirror(heldByAddress ? "sendonly" : description.direction(index));
            lines.add("m=audio " + port + " RTP/AVP " + String.join(" ", formats));
            for (String format : formats) {
                lines.add("a=rtpmap:" + format + " " + rtpmap(section, format));
            }
            lines.add("a=ptime:20");
            lines.add("a=" + accepted);
        }
        return accepted == null ? null : new Answer(describe(lines), accepted);
    }

    /**
     * The direction the PBX's side got from the peer's answer to its offer, from the PBX's view:
     * the peer's sendonly means the PBX only receives.
     */
    static String directionOfAnswer(String answer) {
        SdpResult result = SdpParser.parse(answer);
        if (!(result instanceof SdpResult.Parsed parsed) || parsed.description().media().isEmpty()) {
            return "sendrecv";
        }
        return mirror(parsed.description().direction(0));
    }

    private static List<String> acceptedFormats(MediaSection section) {
        List<String> formats = new ArrayList<>();
        for (String format : section.mediaLine().formats()) {
            if (STATIC_CODECS.contains(format)) {
                formats.add(format);
            }
        }
        if (formats.isEmpty()) {
            return formats;
        }
        for (String format : section.mediaLine().formats()) {
            if (TELEPHONE_EVENT.equalsIgnoreCase(rtpmap(section, format))) {
                formats.add(format);
                break;
            }
        }
        return formats;
    }

    /** The encoding of {@code format} from its a=rtpmap, or the static one of RFC 3551. */
    private static String rtpmap(MediaSection section, String format) {
        for (String rtpmap : section.attributes("rtpmap")) {
            if (rtpmap.startsWith(format + " ")) {
                return rtpmap.substring(format.length() + 1).trim();
            }
        }
        return "0".equals(format) ? "PCMU/8000" : "8".equals(format) ? "PCMA/8000" : "";
    }

    /** Whether a side whose stream has {@code direction} sends media (RFC 3264 section 6.1). */
    static boolean sends(String direction) {
        return "sendrecv".equals(direction) || "sendonly".equals(direction);
    }

    /** RFC 3264 section 6.1: the answer's direction for an offered one. */
    static String mirror(String offered) {
        return switch (offered.toLowerCase(Locale.ROOT)) {
            case "sendonly" -> "recvonly";
            case "recvonly" -> "sendonly";
            case "inactive" -> "inactive";
            default -> "sendrecv";
        };
    }

    private String describe(List<String> media) {
        StringBuilder rest = new StringBuilder(256)
                .append("s=-\r\n")
                .append("c=IN ").append(host.indexOf(':') >= 0 ? "IP6 " : "IP4 ").append(host).append("\r\n")
                .append("t=0 0\r\n");
        for (String line : media) {
            rest.append(line).append("\r\n");
        }
        String body = rest.toString();
        if (last != null && !last.equals(body)) {
            version++;
        }
        last = body;
        return "v=0\r\no=pbx " + sessionId + " " + version + " IN " + (host.indexOf(':') >= 0 ? "IP6 " : "IP4 ")
                + host + "\r\n" + body;
    }
}
