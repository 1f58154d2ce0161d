package org.cloudgate.csta.model;

import java.util.Objects;

/**
 * One message on a CSTA link, independent of its encoding: a request, its answer, an event
 * report, or the association exchange that opens a BER session.
 *
 * <p>The invoke identifier ties an answer to its request (ITU-T X.880 for BER, the 4-digit
 * header of ECMA-323 Annex J.2 for XML, where events use {@value #EVENT_INVOKE_ID}).
 */
public sealed interface CstaMessage {

    /** The invoke identifier ECMA-323 Annex J.2 uses for unsolicited events. */
    int EVENT_INVOKE_ID = 9999;

    /** A service request. */
    record Invoke(int invokeId, CstaRequest request) implements CstaMessage {
        public Invoke {
            Objects.requireNonNull(request, "request");
        }
    }

    /** The positive answer to the invoke with the same identifier. */
    record Result(int invokeId, CstaResult result) implements CstaMessage {
        public Result {
            Objects.requireNonNull(result, "result");
        }
    }

    /** The negative answer to the invoke with the same identifier. */
    record Error(int invokeId, CstaError error) implements CstaMessage {
        public Error {
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * A ROSE reject (X.880): the PDU could not be processed at all.
     *
     * @param invokeId the rejected invoke, or -1 when it could not be read
     */
    record Reject(int invokeId, RejectProblem problem) implements CstaMessage {
        public Reject {
            Objects.requireNonNull(problem, "problem");
        }
    }

    /** An event from a monitor (ECMA-269 clause 15, ECMA-285 CSTAEventReport, code 21). */
    record EventReport(int invokeId, String monitorCrossRefId, CstaEvent event) implements CstaMessage {
        public EventReport {
            Objects.requireNonNull(monitorCrossRefId, "monitorCrossRefId");
            Objects.requireNonNull(event, "event");
        }
    }

    /** Opens a BER session with the configured credentials (ACSE AARQ, X.227; ECMA-285 clause 7). */
    record AssociationRequest(String user, String password) implements CstaMessage {
        public AssociationRequest {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }
    }

    /**
     * The switch's answer to an {@link AssociationRequest} (ACSE AARE).
     *
     * @param accepted whether the session is open
     * @param diagnostic the ACSE service-user diagnostic (0 null, 1 no reason given,
     *     14 authentication failure, ...)
     */
    record AssociationResponse(boolean accepted, int diagnostic) implements CstaMessage {
    }

    /**
     * A well-formed message the gateway does not understand: an operation or event outside the
     * supported subset. The link counts it and answers an unknown invoke with a reject.
     *
     * @param invokeId the invoke identifier, or -1 when the message had none
     * @param kind what it is, e.g. {@code operation 52} or {@code event ParkedEvent}
     * @param invoke whether it asks for an answer
     */
    record Unrecognized(int invokeId, String kind, boolean invoke) implements CstaMessage {
        public Unrecognized {
            Objects.requireNonNull(kind, "kind");
        }
    }
}
