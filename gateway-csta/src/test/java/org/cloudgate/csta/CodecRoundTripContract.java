package org.cloudgate.csta;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Map;
import java.util.stream.Stream;
import org.cloudgate.csta.codec.CstaCodec;
import org.cloudgate.csta.codec.Inbound;
import org.cloudgate.csta.model.CstaMessage;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Encode, decode, compare: every codec must give back the message it was given. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CodecRoundTripContract {

    protected abstract CstaCodec codec();

    protected abstract String namespace();

    /** The samples this encoding can carry. */
    protected abstract Map<String, CstaMessage> samples();

    Stream<Arguments> sampleArguments() {
        return samples().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleArguments")
    void roundTrips(String name, CstaMessage message) {
        ByteBuf buf = Unpooled.buffer();
        codec().encode(message, namespace(), buf);
        Inbound decoded = codec().decode(buf);
        assertThat(decoded.message()).as(name).isEqualTo(message);
        assertThat(decoded.ignoredElements()).as(name).isZero();
        buf.release();
    }
}
