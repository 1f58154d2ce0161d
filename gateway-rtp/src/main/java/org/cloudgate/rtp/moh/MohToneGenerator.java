package org.cloudgate.rtp.moh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Composes the project's default music on hold and writes it as raw G.711: a slow arpeggio over
 * four chords (C, A minor, F, G), soft sine tones with a gentle attack and a long decay over a
 * quiet sustained root, 12 seconds that loop seamlessly. Deterministic, so the committed
 * resource {@value MohSource#BUILT_IN_RESOURCE} can be checked against it.
 *
 * <p>Regenerate with
 * {@code java -cp gateway-rtp/target/classes org.cloudgate.rtp.moh.MohToneGenerator
 * gateway-rtp/src/main/resources/org/cloudgate/rtp/moh/default-moh.pcmu}.
 */
public final class MohToneGenerator {

    static final int SAMPLE_RATE = 8000;
    private static final double CHORD_SECONDS = 3.0;
    private static final double NOTE_SECONDS = 0.375;
    /** MIDI note numbers: each chord's root (one octave down) and its arpeggio. */
    private static final int[][] CHORDS = {
        {48, 60, 64, 67, 72, 67, 64, 60, 64},
        {45, 57, 60, 64, 69, 64, 60, 57, 60},
        {41, 53, 57, 60, 65, 60, 57, 53, 57},
        {43, 55, 59, 62, 67, 62, 59, 55, 59},
    };
    private static final double NOTE_LEVEL = 0.16;
    private static final double ROOT_LEVEL = 0.07;

    private MohToneGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: MohToneGenerator <output.pcmu>");
            System.exit(2);
        }
        Files.write(Path.of(args[0]), encode(G711.PCMU));
    }

    /** The composition in the given G.711 law, one octet per 8 kHz sample. */
    public static byte[] encode(G711 law) {
        double[] signal = compose();
        byte[] out = new byte[signal.length];
        for (int i = 0; i < signal.length; i++) {
            out[i] = law.encode((int) StrictMath.round(signal[i] * 32767));
        }
        return out;
    }

    static double[] compose() {
        int chordSamples = (int) (CHORD_SECONDS * SAMPLE_RATE);
        int noteSamples = (int) (NOTE_SECONDS * SAMPLE_RATE);
        double[] signal = new double[chordSamples * CHORDS.length];
        for (int c = 0; c < CHORDS.length; c++) {
            int chordStart = c * chordSamples;
            double root = frequency(CHORDS[c][0]);
            for (int i = 0; i < chordSamples; i++) {
                // The root swells in and out with the chord, so chord changes do not click.
                double swell = StrictMath.sin(StrictMath.PI * i / chordSamples);
                signal[chordStart + i] += ROOT_LEVEL * swell * StrictMath.sin(2 * StrictMath.PI * root * i / SAMPLE_RATE);
            }
            for (int n = 1; n < CHORDS[c].length; n++) {
                addNote(signal, chordStart + (n - 1) * noteSamples, frequency(CHORDS[c][n]), noteSamples * 3);
            }
        }
        return signal;
    }

    /** A sine with 20 ms attack and exponential decay; it wraps around the end of the loop. */
    private static void addNote(double[] signal, int start, double frequency, int length) {
        int attack = SAMPLE_RATE / 50;
        for (int i = 0; i < length; i++) {
            double envelope = i < attack ? (double) i / attack : StrictMath.exp(-3.0 * (i - attack) / length);
            int at = (start + i) % signal.length;
            signal[at] += NOTE_LEVEL * envelope * StrictMath.sin(2 * StrictMath.PI * frequency * i / SAMPLE_RATE);
        }
    }

    /** Equal temperament, A4 (MIDI 69) = 440 Hz. */
    private static double frequency(int midiNote) {
        return 440.0 * StrictMath.pow(2, (midiNote - 69) / 12.0);
    }
}
