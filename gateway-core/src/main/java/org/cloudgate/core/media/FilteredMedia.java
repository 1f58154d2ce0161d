package org.cloudgate.core.media;

import io.netty.buffer.ByteBuf;
import org.cloudgate.rtp.sdp.OriginVersions;
import org.cloudgate.sip.b2bua.CallMedia;

/**
 * A call without indirect switching in a bandwidth area that restricts codecs: each session
 * description keeps only the area's codecs, and media flows directly between the parties. The
 * origin of what each side receives stays consistent (RFC 3264 section 8).
 */
final class FilteredMedia implements CallMedia {

    private final SdpBodies bodies;
    private final OriginVersions towardCallee = new OriginVersions();
    private final OriginVersions towardCaller = new OriginVersions();

    FilteredMedia(SdpBodies bodies) {
        this.bodies = bodies;
    }

    @Override
    public ByteBuf towardCallee(ByteBuf sdp) {
        return SdpBodies.write(towardCallee.stamp(bodies.read(sdp)));
    }

    @Override
    public ByteBuf towardCaller(ByteBuf sdp) {
        return SdpBodies.write(towardCaller.stamp(bodies.read(sdp)));
    }

    @Override
    public void close() {
    }
}
