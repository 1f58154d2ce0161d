package org.cloudgate.core.config;

import io.netty.util.NetUtil;
import org.cloudgate.rtp.InactivityAction;
import org.cloudgate.rtp.MohMode;
import org.cloudgate.rtp.RtpSettings;
import org.cloudgate.rtp.moh.MohSource;
import org.cloudgate.rtp.sdp.CodecPolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The media of calls ({@code cloudgate.rtp}, documented in gateway-rtp's reference.conf): the
 * relay's own settings ({@link RtpSettings}, vendor field "Relay RTP data via communication server
 * (indirect switching)" and "Music on hold") and the bandwidth control area the gateway's calls
 * belong to. The area's call-admission limit is {@code cloudgate.calls.max-concurrent}.
 *
 * @param relay  the relay; its advertised address is empty when the daemon derives it at start
 * @param codecs the area's allowed codec names; empty allows all
 */
public record MediaSettings(RtpSettings relay, String area, Set<String> codecs) {

    private static final String PREFIX = "cloudgate.rtp.";

    public MediaSettings {
        codecs = Set.copyOf(codecs);
    }

    /** The area's codec filter; {@link #filtersCodecs()} says whether it removes anything. */
    public CodecPolicy codecPolicy() {
        return new CodecPolicy(area, codecs);
    }

    public boolean filtersCodecs() {
        return !codecs.isEmpty();
    }

    static MediaSettings read(SettingsReader r) {
        boolean indirect = r.bool(PREFIX + "indirect-switching");
        String bind = r.ipAddress(PREFIX + "bind-address");
        String advertised = r.string(PREFIX + "advertised-address").trim();
        if (!advertised.isEmpty() && !NetUtil.isValidIpV4Address(advertised) && !NetUtil.isValidIpV6Address(advertised)) {
            r.reject(PREFIX + "advertised-address", "\"" + advertised
                    + "\" is not an IPv4 or IPv6 address (SDP needs an address; empty derives it)");
        }
        int min = r.port(PREFIX + "port-min", false);
        int max = r.port(PREFIX + "port-max", false);
        if (min < 1024) {
            r.reject(PREFIX + "port-min", min + " is a privileged port: the relay range must start at 1024 or above");
            min = 1024;
        }
        if (max < min + 3) {
            r.reject(PREFIX + "port-max", "the range " + min + "-" + max
                    + " must hold at least two RTP/RTCP pairs (one call): port-max >= port-min + 3");
            max = min + 3;
        }
        Duration quarantine = r.duration(PREFIX + "quarantine", Duration.ZERO, Duration.ofMinutes(5));
        Duration inactivity = r.duration(PREFIX + "inactivity-timeout", Duration.ZERO, Duration.ofHours(24));
        InactivityAction action = r.enumValue(PREFIX + "inactivity-action", InactivityAction.class);
        boolean latchPbx = r.bool(PREFIX + "nat-latching.pbx");
        boolean latchCloud = r.bool(PREFIX + "nat-latching.cloud");
        Duration guard = r.duration(PREFIX + "relatch-guard", Duration.ZERO, Duration.ofMinutes(1));
        int batch = (int) r.integer(PREFIX + "receive-batch", 1, 64);
        MohMode moh = r.enumValue(PREFIX + "moh.mode", MohMode.class);
        Optional<Path> mohFile = mohFile(r);
        String area = r.string(PREFIX + "bandwidth-area.name").trim();
        if (!area.matches("[A-Za-z0-9_.-]{1,32}")) {
            r.reject(PREFIX + "bandwidth-area.name", "\"" + area
                    + "\" is not an area name: 1 to 32 letters, digits, '_', '.' or '-'");
            area = "default";
        }
        Set<String> codecs = new LinkedHashSet<>();
        for (String codec : r.stringList(PREFIX + "bandwidth-area.codecs")) {
            if (!codec.matches("[A-Za-z0-9_.+-]{1,32}")) {
                r.reject(PREFIX + "bandwidth-area.codecs", "\"" + codec
                        + "\" is not an encoding name as a=rtpmap writes it (PCMA, PCMU, G722, opus...)");
            } else if (codec.equalsIgnoreCase("telephone-event")) {
                r.reject(PREFIX + "bandwidth-area.codecs",
                        "telephone-event is always kept next to an allowed codec; list only voice codecs");
            } else {
                codecs.add(codec);
            }
        }
        RtpSettings relay = new RtpSettings(indirect, bind, advertised, min, max, quarantine, inactivity, action,
                latchPbx, latchCloud, guard, batch, moh, mohFile);
        return new MediaSettings(relay, area, codecs);
    }

    private static Optional<Path> mohFile(SettingsReader r) {
        String key = PREFIX + "moh.file";
        String name = r.string(key).trim();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Path file;
        try {
            file = Path.of(name).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            r.reject(key, "\"" + name + "\" is not a file name: " + e.getReason());
            return Optional.empty();
        }
        try {
            if (Files.size(file) < MohSource.SAMPLES_PER_PACKET) {
                r.reject(key, file + " holds less than 20 ms of G.711 audio");
            } else if (!Files.isReadable(file)) {
                r.reject(key, "cannot read " + file);
            }
        } catch (IOException e) {
            r.reject(key, "cannot read " + file + ": " + e.getClass().getSimpleName());
        }
        return Optional.of(file);
    }
}
