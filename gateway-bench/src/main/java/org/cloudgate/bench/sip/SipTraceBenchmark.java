package org.cloudgate.bench.sip;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.cloudgate.sip.trace.PcapFormat;
import org.cloudgate.sip.trace.TracedPacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the SIP trace's writer thread spends on one message before the disk: framing the
 * 1,038-octet INVITE of {@link SipRewriteBenchmark} as a pcap record over IPv4/UDP and IPv4/TCP,
 * checksums included. The reciprocal is how many messages a second one writer can keep up with.
 *
 * <p>Run: {@code java -jar gateway-bench/target/benchmarks.jar SipTrace -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SipTraceBenchmark {

    private static final InetSocketAddress PHONE = new InetSocketAddress("192.0.2.10", 5062);
    private static final InetSocketAddress GATEWAY = new InetSocketAddress("192.0.2.1", 5060);

    private TracedPacket datagram;
    private TracedPacket segment;

    @Setup
    public void setUp() throws IOException {
        byte[] invite = SipRewriteBenchmark.readInvite();
        datagram = TracedPacket.udp(1_700_000_000_000_000L, PHONE, GATEWAY, invite);
        segment = TracedPacket.tcp(1_700_000_000_000_000L, PHONE, GATEWAY, 1, 1,
                TracedPacket.ACK | TracedPacket.PSH, invite);
    }

    @Benchmark
    public byte[] udpRecord() {
        return PcapFormat.record(datagram);
    }

    @Benchmark
    public byte[] tcpRecord() {
        return PcapFormat.record(segment);
    }
}
