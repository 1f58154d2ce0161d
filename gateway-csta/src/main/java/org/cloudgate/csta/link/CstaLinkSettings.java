package org.cloudgate.csta.link;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one CSTA link, validated when built and never changed after.
 *
 * @param host the PBX's CSTA address
 * @param port its CSTA port (7001 on the MiVoice Office 400)
 * @param encoding XML or BER
 * @param user the CSTA user name (BER: sent in the AARQ)
 * @param password the CSTA password (BER: sent in the AARQ)
 * @param namespace the ECMA-323 namespace to write until the PBX's own is known
 * @param requestTimeout how long a request may wait for its answer
 * @param keepAliveInterval how often RequestSystemStatus is sent when the link is up
 * @param reconnectMin the first reconnect delay
 * @param reconnectMax the largest reconnect delay
 * @param maxFrameLength the largest frame accepted from the PBX
 */
public record CstaLinkSettings(String host, int port, CstaEncoding encoding, String user, String password,
                               String namespace, Duration requestTimeout, Duration keepAliveInterval,
                               Duration reconnectMin, Duration reconnectMax, int maxFrameLength) {

    /** The MiVoice Office 400's CSTA port. */
    public static final int DEFAULT_PORT = 7001;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RECONNECT_MIN = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_FRAME_LENGTH = 64 * 1024;

    /** Checks every value. */
    public CstaLinkSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(namespace, "namespace");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        positive(requestTimeout, "requestTimeout");
        positive(keepAliveInterval, "keepAliveInterval");
        positive(reconnectMin, "reconnectMin");
        positive(reconnectMax, "reconnectMax");
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("reconnectMax is shorter than reconnectMin");
        }
        if (maxFrameLength < 1024) {
            throw new IllegalArgumentException("maxFrameLength below 1024: " + maxFrameLength);
        }
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
