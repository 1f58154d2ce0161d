package org.cloudgate.core.media;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.cloudgate.rtp.sdp.CodecFilterResult;
import org.cloudgate.rtp.sdp.CodecPolicy;
import org.cloudgate.rtp.sdp.SdpParser;
import org.cloudgate.rtp.sdp.SdpResult;
import org.cloudgate.rtp.sdp.SessionDescription;
import org.cloudgate.sip.b2bua.MediaRefusedException;

import java.nio.charset.StandardCharsets;

/**
 * Reads a call's SDP body with the bandwidth area's codec filter applied, and writes the result
 * back as a body. A body that cannot be carried becomes a {@link MediaRefusedException}, which the
 * B2BUA answers with 488 (RFC 3261 section 21.4.26) and a Warning carrying the reason.
 */
final class SdpBodies {

    private final CodecPolicy codecs;
    private final MediaMeters meters;

    /** @param codecs the area's codec filter, {@code null} when the area allows every codec */
    SdpBodies(CodecPolicy codecs, MediaMeters meters) {
        this.codecs = codecs;
        this.meters = meters;
    }

    SessionDescription read(ByteBuf body) {
        SdpResult parsed = SdpParser.parse(body.toString(StandardCharsets.UTF_8));
        if (parsed instanceof SdpResult.Malformed malformed) {
            meters.refused(MediaRefusal.MALFORMED_SDP);
            throw new MediaRefusedException(warningText("malformed SDP: " + malformed.reason()));
        }
        SessionDescription sdp = ((SdpResult.Parsed) parsed).description();
        if (codecs == null) {
            return sdp;
        }
        CodecFilterResult filtered = codecs.apply(sdp);
        if (filtered instanceof CodecFilterResult.NothingLeft nothing) {
            meters.refused(MediaRefusal.CODEC_NOT_ALLOWED);
            throw new MediaRefusedException("no codec allowed in bandwidth area " + nothing.area());
        }
        return ((CodecFilterResult.Filtered) filtered).description();
    }

    static ByteBuf write(SessionDescription sdp) {
        return Unpooled.copiedBuffer(sdp.encode(), StandardCharsets.UTF_8);
    }

    /** The reason goes into a quoted Warning text (RFC 3261 section 20.43): no quotes, no controls. */
    private static String warningText(String reason) {
        StringBuilder text = new StringBuilder(Math.min(reason.length(), 120));
        for (int i = 0; i < reason.length() && text.length() < 120; i++) {
            char c = reason.charAt(i);
            text.append(c == '"' || c == '\\' ? '\'' : c < ' ' ? ' ' : c);
        }
        return text.toString();
    }
}
