package org.cloudgate.sip.trace;

import java.nio.file.Path;

/**
 * What the SIP trace writes and where.
 *
 * @param enabled     whether anything is written
 * @param file        the current trace file; older ones get {@code .1}, {@code .2} ... appended
 * @param maxFileSize octets one file may reach before the trace moves on to a new one
 * @param maxFiles    files kept, the current one included
 * @param includeRtp  whether the relay's RTP packets are traced too, their headers only
 */
public record SipTraceSettings(boolean enabled, Path file, long maxFileSize, int maxFiles, boolean includeRtp) {

    public SipTraceSettings {
        if (maxFileSize < PcapFormat.FILE_HEADER_LENGTH || maxFiles < 1) {
            throw new IllegalArgumentException("a trace needs room for a file header and one file at least");
        }
    }

    /** No trace. */
    public static SipTraceSettings disabled() {
        return new SipTraceSettings(false, Path.of("sip-trace.pcap"), 50L << 20, 5, false);
    }
}
