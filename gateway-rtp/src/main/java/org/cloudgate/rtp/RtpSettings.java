package org.cloudgate.rtp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The relay's settings, the {@code cloudgate.rtp} block of {@code reference.conf} in this module.
 * A plain value: reading the config file and reporting bad values belong to whoever loads it; the
 * compact constructor only rejects combinations the relay cannot run with.
 *
 * @param indirectSwitching  vendor field "Relay RTP data via communication server (indirect
 *                           switching)": on, SDP is rewritten and media relayed; off, SDP passes
 * @param bindAddress        local address the relay sockets bind to
 * @param advertisedAddress  address written into rewritten SDP; empty means the bind address
 * @param portMin            lowest port of the relay range
 * @param portMax            highest port of the relay range
 * @param quarantine         how long a released port pair waits before reuse
 * @param inactivityTimeout  silence on a leg after which {@code inactivityAction} applies;
 *                           zero disables the check
 * @param inactivityAction   end the call or only report
 * @param natLatchingPbx     latch to the first source of RTP on the PBX side (else only the SDP address)
 * @param natLatchingCloud   the same on the cloud side
 * @param relatchGuard       silence of the latched source after which another SSRC may take over
 * @param receiveBatch       datagrams per receive system call (recvmmsg) on epoll; 1 turns batching off
 * @param mohMode            vendor field "Music on hold": gateway or signal
 * @param mohFile            G.711 file to play (raw 8 kHz PCMU or PCMA); empty means the built-in one
 */
public record RtpSettings(
        boolean indirectSwitching,
        String bindAddress,
        String advertisedAddress,
        int portMin,
        int portMax,
        Duration quarantine,
        Duration inactivityTimeout,
        InactivityAction inactivityAction,
        boolean natLatchingPbx,
        boolean natLatchingCloud,
        Duration relatchGuard,
        int receiveBatch,
        MohMode mohMode,
        Optional<Path> mohFile) {

    public static final int DEFAULT_PORT_MIN = 20000;
    public static final int DEFAULT_PORT_MAX = 29999;
    public static final Duration DEFAULT_QUARANTINE = Duration.ofSeconds(2);
    public static final Duration DEFAULT_INACTIVITY_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_RELATCH_GUARD = Duration.ofMillis(500);

    public RtpSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(advertisedAddress, "advertisedAddress");
        Objects.requireNonNull(inactivityAction, "inactivityAction");
        Objects.requireNonNull(mohMode, "mohMode");
        Objects.requireNonNull(mohFile, "mohFile");
        if (portMin < 1024 || portMax > 65535 || portMax - portMin < 3) {
            throw new IllegalArgumentException("port range " + portMin + "-" + portMax
                    + " must lie in 1024-65535 and hold two RTP/RTCP pairs");
        }
        if (quarantine.isNegative() || inactivityTimeout.isNegative() || relatchGuard.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (receiveBatch < 1 || receiveBatch > 64) {
            throw new IllegalArgumentException("receive-batch must be 1-64: " + receiveBatch);
        }
    }

    /** The defaults of {@code reference.conf}. */
    public static RtpSettings defaults() {
        return new RtpSettings(true, "0.0.0.0", "", DEFAULT_PORT_MIN, DEFAULT_PORT_MAX,
                DEFAULT_QUARANTINE, DEFAULT_INACTIVITY_TIMEOUT, InactivityAction.END_CALL,
                false, true, DEFAULT_RELATCH_GUARD, 1, MohMode.GATEWAY, Optional.empty());
    }

    public RtpSettings withPorts(int min, int max) {
        return new RtpSettings(indirectSwitching, bindAddress, advertisedAddress, min, max, quarantine,
                inactivityTimeout, inactivityAction, natLatchingPbx, natLatchingCloud, relatchGuard,
                receiveBatch, mohMode, mohFile);
    }

    public RtpSettings withBindAddress(String address) {
        return new RtpSettings(indirectSwitching, address, advertisedAddress, portMin, portMax, quarantine,
                inactivityTimeout, inactivityAction, natLatchingPbx, natLatchingCloud, relatchGuard,
                receiveBatch, mohMode, mohFile);
    }

    public RtpSettings withQuarantine(Duration time) {
        return new RtpSettings(indirectSwitching, bindAddress, advertisedAddress, portMin, portMax, time,
                inactivityTimeout, inactivityAction, natLatchingPbx, natLatchingCloud, relatchGuard,
                receiveBatch, mohMode, mohFile);
    }

    public RtpSettings withInactivity(Duration timeout, InactivityAction action) {
        return new RtpSettings(indirectSwitching, bindAddress, advertisedAddress, portMin, portMax, quarantine,
                timeout, action, natLatchingPbx, natLatchingCloud, relatchGuard, receiveBatch, mohMode, mohFile);
    }

    public RtpSettings withNatLatching(boolean pbx, boolean cloud) {
        return new RtpSettings(indirectSwitching, bindAddress, advertisedAddress, portMin, portMax, quarantine,
                inactivityTimeout, inactivityAction, pbx, cloud, relatchGuard, receiveBatch, mohMode, mohFile);
    }

    public RtpSettings withReceiveBatch(int datagrams) {
        return new RtpSettings(indirectSwitching, bindAddress, advertisedAddress, portMin, portMax, quarantine,
                inactivityTimeout, inactivityAction, natLatchingPbx, natLatchingCloud, relatchGuard, datagrams,
                mohMode, mohFile);
    }

    /** Whether NAT latching is on for the given side. */
    public boolean natLatching(Side side) {
        return side == Side.PBX ? natLatchingPbx : natLatchingCloud;
    }

    /** The address to put in SDP for the relay's ports. */
    public String sdpAddress() {
        return advertisedAddress.isEmpty() ? bindAddress : advertisedAddress;
    }
}
