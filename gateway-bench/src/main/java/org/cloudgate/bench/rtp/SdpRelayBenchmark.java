package org.cloudgate.bench.rtp;

import org.cloudgate.rtp.sdp.CodecFilterResult;
import org.cloudgate.rtp.sdp.CodecPolicy;
import org.cloudgate.rtp.sdp.MediaAddress;
import org.cloudgate.rtp.sdp.OriginVersions;
import org.cloudgate.rtp.sdp.RelayRewriter;
import org.cloudgate.rtp.sdp.SdpParser;
import org.cloudgate.rtp.sdp.SdpResult;
import org.cloudgate.rtp.sdp.SessionDescription;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Cost of the SDP work the relay adds to every offer and answer with indirect switching on:
 * parse, filter for the bandwidth area, rewrite for the relay, stamp the origin, encode.
 * {@code java -jar gateway-bench/target/benchmarks.jar SdpRelayBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SdpRelayBenchmark {

    private static final String OFFER = "v=0\r\no=- 8374651 8374651 IN IP4 10.0.0.55\r\ns=Softphone\r\n"
            + "c=IN IP4 10.0.0.55\r\nt=0 0\r\na=ice-options:trickle\r\nm=audio 54720 RTP/AVP 111 9 0 8 101\r\n"
            + "a=rtcp:54721 IN IP4 10.0.0.55\r\n"
            + "a=candidate:1 1 UDP 2130706431 10.0.0.55 54720 typ host\r\n"
            + "a=candidate:2 1 UDP 1694498815 203.0.113.7 31112 typ srflx raddr 10.0.0.55 rport 54720\r\n"
            + "a=ice-ufrag:Yk3f\r\na=ice-pwd:asd88fgpdd777uzjYhagZg\r\na=rtcp-mux\r\n"
            + "a=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\na=rtpmap:9 G722/8000\r\n"
            + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
            + "a=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n";

    private final MediaAddress relay = new MediaAddress("IP4", "203.0.113.50");
    private final CodecPolicy policy = new CodecPolicy("branch", Set.of("PCMA", "G722"));
    private final OriginVersions origins = new OriginVersions();

    @Benchmark
    public String offerThroughRelay() {
        SessionDescription sdp = ((SdpResult.Parsed) SdpParser.parse(OFFER)).description();
        SessionDescription filtered = ((CodecFilterResult.Filtered) policy.apply(sdp)).description();
        return origins.stamp(RelayRewriter.rewrite(filtered, relay, 30000)).encode();
    }
}
