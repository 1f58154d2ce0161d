package org.cloudgate.core.api.http;

/** An operation's refusal, answered with its problem details. No stack trace: it is an answer, not a fault. */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ApiException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
