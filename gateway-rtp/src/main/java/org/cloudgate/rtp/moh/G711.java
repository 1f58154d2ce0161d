package org.cloudgate.rtp.moh;

/**
 * ITU-T G.711 companding of 16-bit linear PCM: mu-law (PCMU, RTP payload type 0) and A-law
 * (PCMA, payload type 8), as RFC 3551 section 4.5.14 names them. Written from the segment
 * tables of the recommendation; used to make and convert the music-on-hold file.
 */
public enum G711 {
    /** mu-law, North America and Japan. */
    PCMU(0),
    /** A-law, Europe and most other places. */
    PCMA(8);

    private static final int MULAW_BIAS = 0x84;
    private static final int MULAW_CLIP = 32635;

    private final int payloadType;

    G711(int payloadType) {
        this.payloadType = payloadType;
    }

    /** The static RTP payload type (RFC 3551 section 6). */
    public int payloadType() {
        return payloadType;
    }

    public byte encode(int sample) {
        return this == PCMU ? encodeMuLaw(sample) : encodeALaw(sample);
    }

    public int decode(byte code) {
        return this == PCMU ? decodeMuLaw(code) : decodeALaw(code);
    }

    /** G.711 mu-law: bias 132, sign + 3-bit segment + 4-bit mantissa, all bits inverted. */
    static byte encodeMuLaw(int sample) {
        int sign = (sample >> 8) & 0x80;
        int magnitude = sign != 0 ? -sample : sample;
        magnitude = Math.min(magnitude, MULAW_CLIP) + MULAW_BIAS;
        int segment = segmentOf(magnitude >> 7);
        int mantissa = (magnitude >> (segment + 3)) & 0x0f;
        return (byte) ~(sign | (segment << 4) | mantissa);
    }

    static int decodeMuLaw(byte code) {
        int u = ~code & 0xff;
        int magnitude = (((u & 0x0f) << 3) + MULAW_BIAS) << ((u & 0x70) >> 4);
        return (u & 0x80) != 0 ? MULAW_BIAS - magnitude : magnitude - MULAW_BIAS;
    }

    /** G.711 A-law: 13-bit magnitude, segment + 4-bit mantissa, even bits inverted (0x55). */
    static byte encodeALaw(int sample) {
        int magnitude = sample >> 3;
        int sign = magnitude >= 0 ? 0x80 : 0;
        if (magnitude < 0) {
            magnitude = -magnitude - 1;
        }
        int code;
        if (magnitude < 32) {
            code = magnitude >> 1;
        } else {
            int segment = segmentOf(magnitude >> 5) + 1;
            code = (segment << 4) | ((magnitude >> segment) & 0x0f);
        }
        return (byte) ((sign | code) ^ 0x55);
    }

    static int decodeALaw(byte code) {
        int a = (code ^ 0x55) & 0xff;
        int segment = (a & 0x70) >> 4;
        int magnitude = ((a & 0x0f) << 4) + 8;
        if (segment > 0) {
            magnitude = (magnitude + 0x100) << (segment - 1);
        }
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }

    /** Index of the highest set bit of a value below 256, 0 for 0 and 1: the G.711 segment. */
    private static int segmentOf(int value) {
        int segment = 0;
        while (value > 1 && segment < 7) {
            value >>= 1;
            segment++;
        }
        return segment;
    }
}
