package org.cloudgate.testkit.pbx;

/**
 * The final answer to an INVITE the PBX sent: the status and reason phrase of the final response,
 * or of the one the transaction layer made up (408 when the terminal never answered, 503 when it
 * could not be reached), or 480 when no terminal was registered for the extension.
 */
public record CallOutcome(int status, String reason) {

    public boolean answered() {
        return status >= 200 && status < 300;
    }
}
