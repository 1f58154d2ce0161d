package org.cloudgate.core.calls;

import org.cloudgate.core.config.CallSettings;

/**
 * Numbers as the PBX expects them: internal extensions as dialled, external numbers behind the
 * route for outgoing calls. An E.164 {@code +} becomes the international prefix {@code 00}.
 */
public final class DialPlan {

    private final String outgoingRoute;
    private final int maxExtensionLength;

    public DialPlan(CallSettings settings) {
        this.outgoingRoute = settings.outgoingRoute();
        this.maxExtensionLength = settings.maxExtensionLength();
    }

    /** Whether {@code number} is a dialable number: digits, {@code *}, {@code #}, a leading {@code +}. */
    public static boolean dialable(String number) {
        if (number == null || number.isEmpty() || number.length() > 32) {
            return false;
        }
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '*' || c == '#' || c == '+' && i == 0)) {
                return false;
            }
        }
        return number.length() > 1 || number.charAt(0) != '+';
    }

    boolean internal(String number) {
        return number.charAt(0) != '+' && number.length() <= maxExtensionLength;
    }

    /** The number to send to the PBX for {@code dialled}. */
    public String toPbx(String dialled) {
        if (internal(dialled)) {
            return dialled;
        }
        String national = dialled.charAt(0) == '+' ? "00" + dialled.substring(1) : dialled;
        return outgoingRoute + national;
    }
}
