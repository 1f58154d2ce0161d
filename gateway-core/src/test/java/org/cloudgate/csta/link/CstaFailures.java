package org.cloudgate.csta.link;

import org.cloudgate.csta.model.CstaError;
import org.cloudgate.csta.model.RejectProblem;

/** Failed CSTA requests as the link reports them, for tests of what the gateway answers to each. */
public final class CstaFailures {

    private CstaFailures() {
    }

    public static CstaRequestException error(CstaError error) {
        return CstaRequestException.error(error);
    }

    public static CstaRequestException reject(RejectProblem problem) {
        return CstaRequestException.reject(problem);
    }

    public static CstaRequestException linkDown() {
        return new CstaRequestException(CstaRequestException.Outcome.LINK_DOWN, "connection lost", null);
    }

    public static CstaRequestException timeout() {
        return new CstaRequestException(CstaRequestException.Outcome.TIMEOUT, "no answer within 5 s", null);
    }
}
