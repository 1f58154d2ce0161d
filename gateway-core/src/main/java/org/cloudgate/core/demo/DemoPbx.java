package org.cloudgate.core.demo;

import org.cloudgate.core.config.GatewaySettings;
import org.cloudgate.core.config.UserSettings;
import org.cloudgate.sip.auth.DigestAlgorithm;
import org.cloudgate.sip.transport.SipListenerException;
import org.cloudgate.testkit.csta.SimulatedCstaService;
import org.cloudgate.testkit.csta.SimulatedSwitch;
import org.cloudgate.testkit.pbx.ExtensionBehaviour;
import org.cloudgate.testkit.pbx.PbxDescription;
import org.cloudgate.testkit.pbx.SimulatedPbx;
import org.cloudgate.testkit.pbx.SipTerminalLine;
import org.cloudgate.testkit.pbx.TrunkRoute;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated MiVoice Office 400 of {@code cloudgate demo}: it listens where the demo
 * configuration says the PBX is, accepts the terminals the gateway registers with the PBX
 * credentials, and offers extensions that show what a call through the gateway does. With
 * {@code cloudgate.csta.enabled} it also runs the PBX's CSTA service where the configuration
 * says, whose MakeCall rings the calling user's softphones through the gateway first
 * ({@link SipTerminalLine}).
 */
public final class DemoPbx implements AutoCloseable {

    /** The demo extensions and what each does, as printed for the person trying the demo. */
    static final List<String[]> EXTENSIONS = List.of(
            new String[] {"100", "Echo", "answers and sends your audio back", "ECHO"},
            new String[] {"101", "Reception", "rings half a second, then answers", "ANSWER"},
            new String[] {"102", "Busy Line", "is busy (486)", "BUSY"},
            new String[] {"103", "Nobody Home", "rings until you hang up", "NO_ANSWER"},
            new String[] {"104", "Slow Answer", "rings five seconds, then answers", "RING"});

    /** Monitors the demo's CSTA service grants, far more than the demo's users need. */
    private static final int MONITOR_LIMIT = 100;

    private final SimulatedPbx pbx;
    private SimulatedCstaService csta;

    private DemoPbx(SimulatedPbx pbx) {
        this.pbx = pbx;
    }

    /** The CSTA service could not listen where {@code cloudgate.csta} says. */
    public static final class CstaListenerException extends Exception {
        CstaListenerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Starts the simulated PBX at the configured PBX address, with the demo extensions and the
     * configuration's users as extensions that answer.
     *
     * @throws SipListenerException when its port is taken
     * @throws CstaListenerException when CSTA is on and the CSTA port is taken
     */
    public static DemoPbx start(GatewaySettings settings) throws SipListenerException, CstaListenerException {
        PbxDescription.Builder description = PbxDescription.builder()
                .host(settings.pbx().host())
                .port(settings.pbx().port())
                .credentials(settings.pbx().username(), settings.pbx().password())
                .digestAlgorithms(List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5))
                .trunk(TrunkRoute.DEFAULT);
        for (String[] extension : EXTENSIONS) {
            description.extension(extension[0], extension[1], "x" + extension[0] + "@demo.invalid",
                    ExtensionBehaviour.valueOf(extension[3]));
        }
        for (UserSettings user : settings.directory().users()) {
            description.extension(user.extension(), user.name().orElse("User " + user.extension()),
                    user.email().orElse("x" + user.extension() + "@demo.invalid"), ExtensionBehaviour.ANSWER);
        }
        DemoPbx demo = new DemoPbx(SimulatedPbx.start(description.build()));
        if (settings.csta().enabled()) {
            try {
                demo.startCsta(settings);
            } catch (CstaListenerException | RuntimeException e) {
                demo.close();
                throw e;
            }
        }
        return demo;
    }

    private void startCsta(GatewaySettings settings) throws CstaListenerException {
        List<String> extensions = new ArrayList<>();
        for (String[] extension : EXTENSIONS) {
            extensions.add(extension[0]);
        }
        for (UserSettings user : settings.directory().users()) {
            extensions.add(user.extension());
        }
        String host = settings.csta().link().host();
        int port = settings.csta().link().port();
        csta = new SimulatedCstaService(settings.csta().link().encoding(), settings.pbx().password(),
                new SimulatedSwitch(extensions, MONITOR_LIMIT));
        try {
            csta.startAt(host, port);
        } catch (IOException e) {
            throw new CstaListenerException("the simulated CSTA service cannot listen on " + host + ":" + port
                    + " (cloudgate.csta.port): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CstaListenerException("interrupted while starting the simulated CSTA service", e);
        }
        csta.ringTerminals(new SipTerminalLine(pbx));
    }

    /** What a person needs to try the demo: where to point a softphone, whom to call. */
    public static String guide(GatewaySettings settings) {
        StringBuilder text = new StringBuilder(1024).append('\n')
                .append("cloudgate demo: the gateway runs in front of a simulated MiVoice Office 400 at ")
                .append(settings.pbx().host()).append(':').append(settings.pbx().port()).append(".\n\n")
                .append("Point a SIP softphone at the gateway: ")
                .append(settings.sip().stack().bindAddress()).append(':').append(settings.sip().stack().udpPort())
                .append(" (UDP or TCP), and log in as\n");
        for (UserSettings user : settings.directory().users()) {
            text.append("  user ").append(user.extension()).append(", password ").append(user.password())
                    .append("  (").append(user.name().orElse("")).append(")\n");
        }
        text.append("\nThen dial\n");
        for (String[] extension : EXTENSIONS) {
            text.append("  ").append(extension[0]).append("  ").append(extension[1]).append(": ")
                    .append(extension[2]).append('\n');
        }
        text.append("  0...  any number after the outgoing route 0 reaches the simulated provider trunk, which answers\n")
                .append("\nFor example with baresip, an account line:\n  <sip:201@")
                .append(settings.sip().stack().bindAddress()).append(':').append(settings.sip().stack().udpPort())
                .append(">;auth_pass=")
                .append(settings.directory().users().isEmpty() ? "" : settings.directory().users().get(0).password())
                .append("\nand `/dial 100`.\n")
                .append(settings.csta().enabled() ? "\nThe PBX's CSTA service runs at " + settings.csta().link().host()
                        + ':' + settings.csta().link().port() + ": the gateway follows each user's calls and "
                        + "presence (cloudgate_csta_presence in /metrics).\n" : "")
                .append("\nMetrics and health: the admin-http address above, /metrics and /health/ready.\n")
                .append("Stop with Ctrl-C.\n");
        return text.toString();
    }

    @Override
    public void close() {
        if (csta != null) {
            csta.close();
        }
        pbx.close();
    }
}
