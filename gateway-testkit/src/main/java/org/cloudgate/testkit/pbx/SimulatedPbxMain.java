package org.cloudgate.testkit.pbx;

import org.cloudgate.sip.transport.SipListenerException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulated PBX alone, for manual tests against a gateway:
 *
 * <pre>
 * java -cp ... org.cloudgate.testkit.pbx.SimulatedPbxMain [--host 127.0.0.1] [--port 5070]
 *     [--username cloudgate] [--password cloudgate] [--realm pbx.local] [--trunk-prefix 0]
 *     [--extension NUMBER:NAME:EMAIL:BEHAVIOUR[:DELAY_MS]]...
 * </pre>
 *
 * Without {@code --extension} it has the demo set printed at start. It prints where it listens,
 * then runs until stopped (Ctrl-C, SIGTERM). Exit code 64 for bad arguments, 69 when the port is
 * taken.
 */
public final class SimulatedPbxMain {

    private SimulatedPbxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PbxDescription description;
        try {
            description = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("simulated-pbx: " + e.getMessage());
            System.err.println("usage: SimulatedPbxMain [--host H] [--port P] [--username U] [--password S]"
                    + " [--realm R] [--trunk-prefix D] [--extension NUMBER:NAME:EMAIL:BEHAVIOUR[:DELAY_MS]]...");
            System.exit(64);
            return;
        }
        SimulatedPbx pbx;
        try {
            pbx = SimulatedPbx.start(description);
        } catch (SipListenerException e) {
            System.err.println("simulated-pbx: " + e.getMessage());
            System.exit(69);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pbx.close();
            stopped.countDown();
        }, "pbx-shutdown"));
        System.out.println("simulated PBX listening on " + String.join(" ", pbx.listening()));
        System.out.println("terminals register as " + description.username() + " (realm " + description.realm()
                + "); outgoing route prefix " + description.trunk().prefix());
        for (Extension extension : description.extensions()) {
            System.out.println("  extension " + extension.number() + " " + extension.behaviour() + " "
                    + extension.delay().toMillis() + " ms: " + extension.user().name() + " <"
                    + extension.user().email() + ">");
        }
        stopped.await();
    }

    /** The description the arguments give; throws with a readable message for a bad one. */
    static PbxDescription parse(String[] args) {
        PbxDescription.Builder builder = PbxDescription.builder();
        String username = "cloudgate";
        String password = "cloudgate";
        List<Extension> extensions = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--host" -> builder.host(value);
                case "--port" -> builder.port(number(option, value));
                case "--username" -> username = value;
                case "--password" -> password = value;
                case "--realm" -> builder.realm(value);
                case "--trunk-prefix" -> builder.trunk(new TrunkRoute(value, 200));
                case "--extension" -> extensions.add(extension(value));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        builder.credentials(username, password);
        (extensions.isEmpty() ? demoExtensions() : extensions).forEach(builder::extension);
        return builder.build();
    }

    /** {@code NUMBER:NAME:EMAIL:BEHAVIOUR[:DELAY_MS]}. */
    static Extension extension(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length < 4 || parts.length > 5) {
            throw new IllegalArgumentException("--extension takes NUMBER:NAME:EMAIL:BEHAVIOUR[:DELAY_MS], not " + text);
        }
        ExtensionBehaviour behaviour;
        try {
            behaviour = ExtensionBehaviour.valueOf(parts[3].toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown behaviour " + parts[3] + " (answer, echo, busy, no-answer, ring)");
        }
        Extension extension = Extension.of(parts[0], parts[1], parts[2], behaviour);
        return parts.length == 5 ? extension.withDelay(Duration.ofMillis(number("delay", parts[4]))) : extension;
    }

    /** One extension of each behaviour, for a quick demo. */
    static List<Extension> demoExtensions() {
        return List.of(
                Extension.of("201", "Alice Example", "alice@example.com", ExtensionBehaviour.ANSWER),
                Extension.of("202", "Bob Example", "bob@example.com", ExtensionBehaviour.ECHO),
                Extension.of("203", "Carol Example", "carol@example.com", ExtensionBehaviour.BUSY),
                Extension.of("204", "Dave Example", "dave@example.com", ExtensionBehaviour.NO_ANSWER),
                Extension.of("205", "Erin Example", "erin@example.com", ExtensionBehaviour.RING));
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, not " + value);
        }
    }
}
