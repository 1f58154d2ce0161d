package org.cloudgate.rtp.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The codecs a bandwidth control area allows ("Bandwidth control area" in the vendor's tables),
 * applied to SDP: formats of other codecs are removed from each {@code m=} line, the remaining
 * ones keep their order of preference (RFC 3264 section 5.1), and their {@code a=rtpmap},
 * {@code a=fmtp} and {@code a=rtcp-fb} lines go with them.
 *
 * <p>{@code telephone-event} (RFC 4733) is always kept next to a remaining codec, so DTMF keeps
 * working. A stream left with no codec is disabled with port 0 (RFC 3264 section 6); when no
 * active stream is left at all, the result is {@link CodecFilterResult.NothingLeft}.
 *
 * @param area    the area's name, for the result and logs
 * @param allowed encoding names as in {@code a=rtpmap} (PCMA, PCMU, G722, opus...), compared
 *                without case; empty allows everything
 */
public record CodecPolicy(String area, Set<String> allowed) {

    private static final String TELEPHONE_EVENT = "telephone-event";

    /** Encoding names of static payload types (RFC 3551 section 6, tables 4 and 5). */
    private static final Map<Integer, String> STATIC_NAMES = Map.ofEntries(
            Map.entry(0, "PCMU"), Map.entry(3, "GSM"), Map.entry(4, "G723"), Map.entry(5, "DVI4"),
            Map.entry(6, "DVI4"), Map.entry(7, "LPC"), Map.entry(8, "PCMA"), Map.entry(9, "G722"),
            Map.entry(10, "L16"), Map.entry(11, "L16"), Map.entry(12, "QCELP"), Map.entry(13, "CN"),
            Map.entry(14, "MPA"), Map.entry(15, "G728"), Map.entry(16, "DVI4"), Map.entry(17, "DVI4"),
            Map.entry(18, "G729"), Map.entry(25, "CelB"), Map.entry(26, "JPEG"), Map.entry(28, "nv"),
            Map.entry(31, "H261"), Map.entry(32, "MPV"), Map.entry(33, "MP2T"), Map.entry(34, "H263"));

    public CodecPolicy {
        Set<String> upper = new HashSet<>();
        for (String name : allowed) {
            upper.add(name.toUpperCase(Locale.ROOT));
        }
        allowed = Set.copyOf(upper);
    }

    public CodecFilterResult apply(SessionDescription sdp) {
        if (allowed.isEmpty()) {
            return new CodecFilterResult.Filtered(sdp);
        }
        List<MediaSection> media = new ArrayList<>(sdp.media().size());
        boolean anyActive = false;
        for (MediaSection section : sdp.media()) {
            MediaSection filtered = filter(section);
            anyActive |= !filtered.mediaLine().disabled();
            media.add(filtered);
        }
        if (!anyActive) {
            return new CodecFilterResult.NothingLeft(area);
        }
        return new CodecFilterResult.Filtered(sdp.with(sdp.sessionLines(), sdp.origin(), media));
    }

    private MediaSection filter(MediaSection section) {
        MediaLine mediaLine = section.mediaLine();
        if (mediaLine.disabled() || !mediaLine.proto().contains("RTP/")) {
            return section;
        }
        List<String> kept = new ArrayList<>();
        List<String> events = new ArrayList<>();
        for (String format : mediaLine.formats()) {
            String name = encodingName(section, format);
            if (name.equalsIgnoreCase(TELEPHONE_EVENT)) {
                events.add(format);
            } else if (allowed.contains(name.toUpperCase(Locale.ROOT))) {
                kept.add(format);
            }
        }
        if (kept.isEmpty()) {
            return section.with(mediaLine.withPort(0), section.lines());
        }
        Set<String> keep = new HashSet<>(kept);
        keep.addAll(events);
        List<String> order = new ArrayList<>();
        for (String format : mediaLine.formats()) {
            if (keep.contains(format)) {
                order.add(format);
            }
        }
        MediaSection trimmed = section.without(line -> removedFormatLine(line, keep));
        return trimmed.with(mediaLine.withFormats(order), trimmed.lines());
    }

    /** {@code a=rtpmap}, {@code a=fmtp}, {@code a=rtcp-fb} of a format not kept. */
    private static boolean removedFormatLine(SdpLine line, Set<String> keep) {
        if (line.type() != 'a') {
            return false;
        }
        String name = line.attributeName();
        if (!name.equals("rtpmap") && !name.equals("fmtp") && !name.equals("rtcp-fb")) {
            return false;
        }
        String value = line.attributeValue();
        int space = value.indexOf(' ');
        String format = space < 0 ? value : value.substring(0, space);
        return !format.equals("*") && !keep.contains(format);
    }

    /** The encoding name from {@code a=rtpmap:<pt> <name>/<rate>}, else the static table, else "". */
    public static String encodingName(MediaSection section, String format) {
        for (String rtpmap : section.attributes("rtpmap")) {
            int space = rtpmap.indexOf(' ');
            if (space > 0 && rtpmap.substring(0, space).equals(format)) {
                int slash = rtpmap.indexOf('/', space);
                return rtpmap.substring(space + 1, slash < 0 ? rtpmap.length() : slash).trim();
            }
        }
        try {
            return STATIC_NAMES.getOrDefault(Integer.parseInt(format), "");
        } catch (NumberFormatException e) {
            return "";
        }
    }
}
