package org.cloudgate.rtp.stats;

import java.util.Arrays;
import java.util.Map;

/**
 * RTP timestamp clock rate per payload type, needed to express arrival times in timestamp units
 * for the jitter estimate (RFC 3550 section 6.4.1 and A.8).
 *
 * <p>Static payload types carry the rates of RFC 3551 section 6 (table 4); note that G.722 uses an
 * 8000 Hz RTP clock although it samples at 16 kHz (RFC 3551 section 4.5.2). Dynamic types get
 * their rate from the SDP's {@code a=rtpmap} lines.
 */
public final class ClockRates {

    private static final int UNKNOWN = 0;
    private static final ClockRates STATIC = new ClockRates(staticTable());

    private final int[] rates;

    private ClockRates(int[] rates) {
        this.rates = rates;
    }

    /** Rates of the static payload types only. */
    public static ClockRates staticTypes() {
        return STATIC;
    }

    /** The static rates plus the dynamic ones announced in SDP ({@code a=rtpmap:PT name/rate}). */
    public static ClockRates withDynamic(Map<Integer, Integer> ratesByPayloadType) {
        int[] table = staticTable();
        ratesByPayloadType.forEach((type, rate) -> {
            if (type >= 0 && type < table.length && rate > 0) {
                table[type] = rate;
            }
        });
        return new ClockRates(table);
    }

    /** The clock rate in Hz, or 0 when the payload type's clock is not known. */
    public int rate(int payloadType) {
        return payloadType >= 0 && payloadType < rates.length ? rates[payloadType] : UNKNOWN;
    }

    private static int[] staticTable() {
        int[] table = new int[128];
        Arrays.fill(table, UNKNOWN);
        // RFC 3551 section 6, table 4: audio payload types.
        for (int type : new int[] {0, 3, 4, 5, 7, 8, 9, 12, 13, 15, 18}) {
            table[type] = 8000;
        }
        table[6] = 16000;
        table[16] = 11025;
        table[17] = 22050;
        table[10] = 44100;
        table[11] = 44100;
        table[14] = 90000;
        // Table 5: video payload types all use a 90 kHz clock.
        for (int type : new int[] {25, 26, 28, 31, 32, 33, 34}) {
            table[type] = 90000;
        }
        return table;
    }
}
