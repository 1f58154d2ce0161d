package org.cloudgate.csta.model;

/**
 * Why a ROSE PDU was rejected (ITU-T X.880 {@code Reject.problem}): the alternative's context
 * tag and the value within it.
 */
public enum RejectProblem {
    UNRECOGNIZED_PDU(0, 0),
    MISTYPED_PDU(0, 1),
    BADLY_STRUCTURED_PDU(0, 2),
    DUPLICATE_INVOCATION(1, 0),
    UNRECOGNIZED_OPERATION(1, 1),
    MISTYPED_ARGUMENT(1, 2),
    RESOURCE_LIMITATION(1, 3),
    RELEASE_IN_PROGRESS(1, 4),
    UNRECOGNIZED_INVOCATION_RESULT(2, 0),
    RESULT_RESPONSE_UNEXPECTED(2, 1),
    MISTYPED_RESULT(2, 2),
    UNRECOGNIZED_INVOCATION_ERROR(3, 0),
    ERROR_RESPONSE_UNEXPECTED(3, 1),
    UNRECOGNIZED_ERROR(3, 2),
    UNEXPECTED_ERROR(3, 3),
    MISTYPED_PARAMETER(3, 4);

    private final int tag;
    private final int code;

    RejectProblem(int tag, int code) {
        this.tag = tag;
        this.code = code;
    }

    /** 0 general, 1 invoke, 2 returnResult, 3 returnError. */
    public int tag() {
        return tag;
    }

    /** The value within the alternative. */
    public int code() {
        return code;
    }

    /** The problem with this tag and value, or {@code null}. */
    public static RejectProblem of(int tag, int code) {
        for (RejectProblem problem : values()) {
            if (problem.tag == tag && problem.code == code) {
                return problem;
            }
        }
        return null;
    }
}
