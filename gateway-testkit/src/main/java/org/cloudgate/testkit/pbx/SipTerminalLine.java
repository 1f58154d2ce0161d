package org.cloudgate.testkit.pbx;

import java.util.Objects;
import org.cloudgate.testkit.csta.SimulatedSwitch;

/**
 * The simulated PBX's registered terminals as the CSTA switch's terminal line, so that the SIP
 * and CSTA sides act as one PBX: a MakeCall from an extension whose terminal is registered
 * (in the gateway's case, the user's softphones behind the gateway) sends that terminal an
 * INVITE showing the called number, and the terminal's answer, refusal or BYE drives the call's
 * CSTA events. When the call ends on the CSTA side first, the ringing INVITE is cancelled or the
 * answered call hung up with BYE.
 *
 * <p>Only the calling side goes over SIP: the called device is the switch's (it alerts until
 * answered through CSTA or {@link SimulatedSwitch#answer}), and no media is connected between
 * the two; the terminal's audio is echoed as in every call the PBX places.
 */
public final class SipTerminalLine implements SimulatedSwitch.TerminalLine {

    private final SimulatedPbx pbx;

    public SipTerminalLine(SimulatedPbx pbx) {
        this.pbx = Objects.requireNonNull(pbx, "pbx");
    }

    @Override
    public boolean registered(String extension) {
        return pbx.terminal(extension).isPresent();
    }

    @Override
    public SimulatedSwitch.TerminalCall ring(String extension, String called, SimulatedSwitch.TerminalEvents events) {
        Extension destination = pbx.description().extension(called);
        OutgoingCall call = pbx.callUser(extension, called, destination == null ? "" : destination.user().name());
        call.outcome().thenAccept(outcome -> {
            if (outcome.answered()) {
                events.answered();
            } else {
                events.refused(outcome.status());
            }
        });
        call.call().thenAccept(dialog -> dialog.ended().thenAccept(why -> {
            if (!PbxCall.BYE_SENT.equals(why)) {
                events.hungUp();
            }
        }));
        return () -> {
            if (call.outcome().isDone()) {
                call.hangUp();
            } else {
                call.cancel();
            }
        };
    }
}
