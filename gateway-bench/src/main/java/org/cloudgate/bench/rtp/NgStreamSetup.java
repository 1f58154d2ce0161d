package org.cloudgate.bench.rtp;

import org.cloudgate.rtp.sdp.MediaEndpoint;
import org.cloudgate.rtp.sdp.SdpParser;
import org.cloudgate.rtp.sdp.SdpResult;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Sets streams up through an ng control socket (rtpengine, or cloudgate behind
 * {@link CloudgateNgRelay}): A offers PCMU, B answers, the relay's returned SDPs say where each
 * sends.
 */
final class NgStreamSetup implements StreamSetup {

    private final NgClient client;
    private final String run = Long.toHexString(System.nanoTime());

    NgStreamSetup(InetSocketAddress ng) throws IOException {
        this.client = new NgClient(ng);
    }

    @Override
    public InetSocketAddress[] open(int stream, InetSocketAddress a, InetSocketAddress b) throws IOException {
        String callId = callId(stream);
        String towardB = client.offer(callId, "a", sdp(a));
        String towardA = client.answer(callId, "a", "b", sdp(b));
        return new InetSocketAddress[] {target(towardA), target(towardB)};
    }

    @Override
    public void close(int stream) throws IOException {
        client.delete(callId(stream), "a");
    }

    @Override
    public void close() {
        client.close();
    }

    private String callId(int stream) {
        return "load-" + run + "-" + stream;
    }

    private static String sdp(InetSocketAddress endpoint) {
        String host = endpoint.getAddress().getHostAddress();
        return "v=0\r\no=- 1 1 IN IP4 " + host + "\r\ns=-\r\nc=IN IP4 " + host + "\r\nt=0 0\r\n"
                + "m=audio " + endpoint.getPort() + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\n"
                + "a=sendrecv\r\n";
    }

    private static InetSocketAddress target(String sdp) throws IOException {
        SdpResult parsed = SdpParser.parse(sdp);
        if (parsed instanceof SdpResult.Parsed ok) {
            return MediaEndpoint.of(ok.description(), 0)
                    .orElseThrow(() -> new IOException("relay SDP has no media address: " + sdp))
                    .rtp();
        }
        throw new IOException("relay returned malformed SDP: " + sdp);
    }
}
