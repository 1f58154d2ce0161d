package org.cloudgate.rtp.moh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Music-on-hold audio ready to packetise: raw G.711 octets at 8 kHz, one octet per sample, in
 * one of the two G.711 laws. Immutable; one instance serves every player.
 */
public final class MohSource {

    /** The default music shipped in this module, made by {@link MohToneGenerator}. */
    public static final String BUILT_IN_RESOURCE = "/org/cloudgate/rtp/moh/default-moh.pcmu";

    /** 20 ms at 8000 Hz: the packet size RFC 3551 section 4.5.14 recommends for G.711. */
    public static final int SAMPLES_PER_PACKET = 160;

    private final G711 law;
    private final byte[] samples;

    private MohSource(G711 law, byte[] samples) {
        if (samples.length < SAMPLES_PER_PACKET) {
            throw new IllegalArgumentException("music on hold needs at least 20 ms of audio");
        }
        this.law = law;
        this.samples = samples;
    }

    public static MohSource of(G711 law, byte[] samples) {
        return new MohSource(law, samples.clone());
    }

    /** Reads a raw G.711 file (no header) recorded in the given law. */
    public static MohSource read(Path file, G711 law) throws IOException {
        return new MohSource(law, Files.readAllBytes(file));
    }

    /**
     * The file named by {@code cloudgate.rtp.moh.file}: A-law when its name ends in
     * {@code .pcma}, mu-law otherwise.
     */
    public static MohSource read(Path file) throws IOException {
        boolean alaw = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pcma");
        return read(file, alaw ? G711.PCMA : G711.PCMU);
    }

    /** The built-in music (stored as PCMU). */
    public static MohSource builtIn() {
        try (InputStream in = MohSource.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + BUILT_IN_RESOURCE);
            }
            return new MohSource(G711.PCMU, in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + BUILT_IN_RESOURCE, e);
        }
    }

    /** The same music in the other law, for a held party that negotiated it. */
    public MohSource in(G711 target) {
        if (target == law) {
            return this;
        }
        byte[] converted = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            converted[i] = target.encode(law.decode(samples[i]));
        }
        return new MohSource(target, converted);
    }

    public G711 law() {
        return law;
    }

    public int length() {
        return samples.length;
    }

    /** Copies one packet's worth of samples starting at {@code offset}, wrapping at the end. */
    void copyPacket(int offset, byte[] into) {
        for (int i = 0; i < into.length; i++) {
            into[i] = samples[(offset + i) % samples.length];
        }
    }

    byte[] samples() {
        return Arrays.copyOf(samples, samples.length);
    }
}
