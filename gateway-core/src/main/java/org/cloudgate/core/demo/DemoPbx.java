package org.cloudgate.core.demo;

import org.cloudgate.core.config.GatewaySettings;
import org.cloudgate.core.config.UserSettings;
import org.cloudgate.sip.auth.DigestAlgorithm;
import org.cloudgate.sip.transport.SipListenerException;
import org.cloudgate.testkit.pbx.ExtensionBehaviour;
import org.cloudgate.testkit.pbx.PbxDescription;
import org.cloudgate.testkit.pbx.SimulatedPbx;
import org.cloudgate.testkit.pbx.TrunkRoute;

import java.util.List;

/**
 * The simulated MiVoice Office 400 of {@code cloudgate demo}: it listens where the demo
 * configuration says the PBX is, accepts the terminals the gateway registers with the PBX
 * credentials, and offers extensions that show what a call through the gateway does.
 */
public final class DemoPbx implements AutoCloseable {

    /** The demo extensions and what each does, as printed for the person trying the demo. */
    static final List<String[]> EXTENSIONS = List.of(
            new String[] {"100", "Echo", "answers and sends your audio back", "ECHO"},
            new String[] {"101", "Reception", "rings half a second, then answers", "ANSWER"},
            new String[] {"102", "Busy Line", "is busy (486)", "BUSY"},
            new String[] {"103", "Nobody Home", "rings until you hang up", "NO_ANSWER"},
            new String[] {"104", "Slow Answer", "rings five seconds, then answers", "RING"});

    private final SimulatedPbx pbx;

    private DemoPbx(SimulatedPbx pbx) {
        this.pbx = pbx;
    }

    /**
     * Starts the simulated PBX at the configured PBX address, with the demo extensions and the
     * configuration's users as extensions that answer.
     *
     * @throws SipListenerException when its port is taken
     */
    public static DemoPbx start(GatewaySettings settings) throws SipListenerException {
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
        return new DemoPbx(SimulatedPbx.start(description.build()));
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
                .append("\nMetrics and health: the admin-http address above, /metrics and /health/ready.\n")
                .append("Stop with Ctrl-C.\n");
        return text.toString();
    }

    @Override
    public void close() {
        pbx.close();
    }
}
