package org.cloudgate.core.config;

import org.cloudgate.sip.codec.SipDecoderConfig;
import org.cloudgate.sip.trace.SipTraceSettings;
import org.cloudgate.sip.transaction.TransactionTimers;
import org.cloudgate.sip.transport.SipStackSettings;
import org.cloudgate.sip.transport.TlsFiles;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The SIP listeners ({@code cloudgate.sip}, documented in gateway-sip's reference.conf), read
 * into the stack's own settings, and the SIP trace ({@code cloudgate.sip.trace}, live).
 */
public record SipSettings(SipStackSettings stack, String advertisedHost, SipTraceSettings trace) {

    static SipSettings read(SettingsReader r) {
        String bind = r.ipAddress("cloudgate.sip.bind");
        String advertised = r.hostOrAddress("cloudgate.sip.advertised-host");
        int udp = listener(r, "udp");
        int tcp = listener(r, "tcp");
        int tls = listener(r, "tls");
        Optional<TlsFiles> files = tls == SipStackSettings.DISABLED ? Optional.empty() : Optional.of(tlsFiles(r));
        Duration idle = r.duration("cloudgate.sip.tcp.idle-timeout", Duration.ofSeconds(1), Duration.ofDays(1));
        Duration connect = r.duration("cloudgate.sip.tcp.connect-timeout", Duration.ofMillis(100), Duration.ofMinutes(1));
        Duration t1 = r.duration("cloudgate.sip.timers.t1", Duration.ofMillis(10), Duration.ofSeconds(10));
        Duration t2 = r.duration("cloudgate.sip.timers.t2", Duration.ofMillis(10), Duration.ofSeconds(60));
        Duration t4 = r.duration("cloudgate.sip.timers.t4", Duration.ofMillis(10), Duration.ofSeconds(60));
        if (t2.compareTo(t1) < 0) {
            r.reject("cloudgate.sip.timers.t2", "must not be shorter than cloudgate.sip.timers.t1");
            t2 = t1;
        }
        SipDecoderConfig limits = new SipDecoderConfig(
                (int) r.integer("cloudgate.sip.limits.max-start-line", 64, 65_536),
                (int) r.integer("cloudgate.sip.limits.max-header-block", 512, 1_048_576),
                (int) r.integer("cloudgate.sip.limits.max-headers", 8, 4096),
                (int) r.integer("cloudgate.sip.limits.max-body", 0, 16_777_216));
        if (udp == SipStackSettings.DISABLED && tcp == SipStackSettings.DISABLED && tls == SipStackSettings.DISABLED) {
            r.reject("cloudgate.sip", "at least one of udp, tcp and tls must be enabled");
        }
        return new SipSettings(new SipStackSettings(bind, udp, tcp, tls, files, new TransactionTimers(t1, t2, t4),
                limits, idle, connect), advertised, trace(r));
    }

    /** These settings with the trace of {@code loaded}, which a reload applies. */
    public SipSettings withTrace(SipTraceSettings loaded) {
        return new SipSettings(stack, advertisedHost, loaded);
    }

    private static SipTraceSettings trace(SettingsReader r) {
        boolean enabled = r.bool("cloudgate.sip.trace.enabled");
        long maxFileSize = r.memorySize("cloudgate.sip.trace.max-file-size", 64L << 10, 1L << 40);
        int maxFiles = (int) r.integer("cloudgate.sip.trace.max-files", 1, 1000);
        boolean rtp = r.bool("cloudgate.sip.trace.include-rtp");
        String name = r.string("cloudgate.sip.trace.file").trim();
        Path file = Path.of("sip-trace.pcap").toAbsolutePath();
        try {
            file = Path.of(name).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            r.reject("cloudgate.sip.trace.file", "\"" + name + "\" is not a file name: " + e.getReason());
            return new SipTraceSettings(false, file, maxFileSize, maxFiles, rtp);
        }
        if (enabled) {
            Path directory = file.getParent();
            if (name.isEmpty() || Files.isDirectory(file)) {
                r.reject("cloudgate.sip.trace.file", "must name a file when cloudgate.sip.trace.enabled is true");
            } else if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
                r.reject("cloudgate.sip.trace.file", "cannot write into " + directory
                        + " (the directory must exist and be writable)");
            }
        }
        return new SipTraceSettings(enabled, file, maxFileSize, maxFiles, rtp);
    }

    private static int listener(SettingsReader r, String transport) {
        boolean enabled = r.bool("cloudgate.sip." + transport + ".enabled");
        int port = r.port("cloudgate.sip." + transport + ".port", true);
        return enabled ? port : SipStackSettings.DISABLED;
    }

    private static TlsFiles tlsFiles(SettingsReader r) {
        Path certificate = r.readableFile("cloudgate.sip.tls.certificate", "cloudgate.sip.tls.enabled");
        Path key = r.readableFile("cloudgate.sip.tls.key", "cloudgate.sip.tls.enabled");
        String trusted = r.string("cloudgate.sip.tls.trusted-certificates");
        Optional<Path> trust = trusted.isBlank() ? Optional.empty()
                : Optional.of(r.readableFile("cloudgate.sip.tls.trusted-certificates", "cloudgate.sip.tls.enabled"));
        return new TlsFiles(certificate, key, trust);
    }

    /** The key that sets the port of {@code transport} ("UDP", "TCP" or "TLS"). */
    public static String portKey(String transport) {
        return "cloudgate.sip." + transport.toLowerCase(Locale.ROOT) + ".port";
    }
}
