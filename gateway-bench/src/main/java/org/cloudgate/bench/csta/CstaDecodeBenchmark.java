package org.cloudgate.bench.csta;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cloudgate.csta.ber.BerCstaCodec;
import org.cloudgate.csta.calls.CallStateListener;
import org.cloudgate.csta.calls.DeviceCalls;
import org.cloudgate.csta.codec.CstaCodec;
import org.cloudgate.csta.codec.Inbound;
import org.cloudgate.csta.model.CstaMessage;
import org.cloudgate.csta.model.CstaMessage.EventReport;
import org.cloudgate.csta.monitor.EventRouter;
import org.cloudgate.csta.xml.XmlCstaCodec;
import org.cloudgate.csta.xml.XmlNamespaces;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decode and dispatch of a realistic event mix, per codec, on one thread: each operation takes
 * one framed event report (Annex J.2 frame for XML, one TLV for BER), decodes it and hands it to
 * the call state of its device ({@link DeviceCalls}), which updates the call and the presence.
 * The score is events per second per core; the goal is 200,000.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CstaDecodeBenchmark {

    private static final int BATCH = 4096;
    private static final int MONITORS = 200;

    @Param({"ber", "xml"})
    public String encoding;

    private CstaCodec codec;
    private ByteBuf[] frames;
    private EventRouter router;
    private DeviceCalls[] devices;

    @Setup(Level.Trial)
    public void encodeTheMix() {
        codec = encoding.equals("ber") ? new BerCstaCodec() : new XmlCstaCodec();
        List<CstaMessage> mix = EventMix.generate(MONITORS, BATCH, 42);
        frames = new ByteBuf[BATCH];
        for (int i = 0; i < BATCH; i++) {
            ByteBuf frame = Unpooled.buffer();
            codec.encode(mix.get(i), XmlNamespaces.ED5, frame);
            frames[i] = frame;
        }
        router = new EventRouter();
        devices = new DeviceCalls[MONITORS];
        for (int m = 0; m < MONITORS; m++) {
            devices[m] = new DeviceCalls(EventMix.device(m), new CallStateListener() { });
            router.register(EventMix.crossRef(m), devices[m]::onEvent);
        }
    }

    @TearDown(Level.Trial)
    public void release() {
        for (ByteBuf frame : frames) {
            frame.release();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void decodeAndDispatch(Blackhole blackhole) {
        for (ByteBuf frame : frames) {
            Inbound inbound = codec.decode(frame);
            blackhole.consume(router.dispatch((EventReport) inbound.message()));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void decodeOnly(Blackhole blackhole) {
        for (ByteBuf frame : frames) {
            blackhole.consume(codec.decode(frame));
        }
    }
}
