package org.cloudgate.sip.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OctetsTest {

    @Test
    void indexOfAgreesWithAPlainSearchEverywhere() {
        Random random = new Random(5626);
        for (int round = 0; round < 2000; round++) {
            byte[] array = new byte[random.nextInt(40)];
            for (int i = 0; i < array.length; i++) {
                array[i] = (byte) (random.nextBoolean() ? '\n' : random.nextInt(256));
            }
            int offset = array.length == 0 ? 0 : random.nextInt(array.length);
            Octets octets = Octets.of(Unpooled.wrappedBuffer(array), offset, array.length - offset);
            int from = random.nextInt(octets.length() + 1);
            int to = from + random.nextInt(octets.length() - from + 1);
            byte value = random.nextBoolean() ? (byte) '\n' : (byte) random.nextInt(256);

            assertThat(octets.indexOf(from, to, value)).isEqualTo(plainIndexOf(array, offset, from, to, value));
        }
    }

    private static int plainIndexOf(byte[] array, int offset, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (array[offset + i] == value) {
                return i;
            }
        }
        return -1;
    }
}
