package org.cloudgate.csta.link;

import org.cloudgate.csta.model.CstaError;
import org.cloudgate.csta.model.CstaResult;
import org.cloudgate.csta.model.Operation;
import org.cloudgate.csta.model.RejectProblem;

/**
 * Why a request failed: the PBX answered with a CSTA error or a reject, the answer did not come
 * in time, or the link went down. The outcome is the label used in metrics.
 */
public final class CstaRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * The outcome label, as in the {@code csta.requests} metric. {@code UNEXPECTED_RESULT} is
     * for a positive answer that lacks what the service promises (e.g. a MakeCall result
     * without the new connection); the link counts such an answer as a success.
     */
    public enum Outcome { ERROR, REJECT, TIMEOUT, LINK_DOWN, UNEXPECTED_RESULT }

    private final Outcome outcome;
    private final transient CstaError error;

    CstaRequestException(Outcome outcome, String message, CstaError error) {
        super(message, null, false, false);
        this.outcome = outcome;
        this.error = error;
    }

    static CstaRequestException error(CstaError error) {
        return new CstaRequestException(Outcome.ERROR, "CSTA error " + error.category().xmlName() + "/"
                + error.valueName(), error);
    }

    /** A positive answer that is not the one the operation promises. */
    public static CstaRequestException unexpectedResult(Operation operation, CstaResult result) {
        return new CstaRequestException(Outcome.UNEXPECTED_RESULT, operation.xmlName() + " answered with " + result,
                null);
    }

    static CstaRequestException reject(RejectProblem problem) {
        return new CstaRequestException(Outcome.REJECT, "rejected: " + problem, null);
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The CSTA error for {@link Outcome#ERROR}, otherwise {@code null}. */
    public CstaError error() {
        return error;
    }
}
