package org.cloudgate.core.api.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.cloudgate.csta.link.CstaFailures;
import org.cloudgate.csta.model.CstaError;
import org.cloudgate.csta.model.ErrorCategory;
import org.cloudgate.csta.model.RejectProblem;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemMappingTest {

    @Test
    void aRefusalCarriesItsOwnProblemEvenWrappedByAFuture() {
        Problem notFound = Problem.of(HttpResponseStatus.NOT_FOUND, "no-such-user", "there is no user 299");
        assertThat(ProblemMapping.of(new CompletionException(new ApiException(notFound)))).isEqualTo(notFound);
    }

    @Test
    void cstaFailuresAreAnsweredByWhatFailed() {
        Problem down = ProblemMapping.of(new CompletionException(CstaFailures.linkDown()));
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.reason()).isEqualTo("csta-link-down");
        assertThat(down.retryAfterSeconds()).isPositive();

        assertThat(ProblemMapping.of(CstaFailures.timeout()).status()).isEqualTo(504);
        assertThat(ProblemMapping.of(CstaFailures.reject(RejectProblem.MISTYPED_ARGUMENT)).status()).isEqualTo(502);

        Problem state = ProblemMapping.of(CstaFailures.error(new CstaError(ErrorCategory.STATE_INCOMPATIBILITY,
                ErrorCategory.STATE_INCOMPATIBILITY.valueCode("noCallToAnswer"))));
        assertThat(state.status()).isEqualTo(409);
        assertThat(state.cstaError()).isEqualTo("stateIncompatibility/noCallToAnswer");
        assertThat(state.detail()).contains("noCallToAnswer");

        Problem busy = ProblemMapping.of(CstaFailures.error(CstaError.OVERALL_MONITOR_LIMIT_EXCEEDED));
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.reason()).isEqualTo("csta-busy");

        Problem refused = ProblemMapping.of(CstaFailures.error(new CstaError(ErrorCategory.OPERATION,
                ErrorCategory.OPERATION.valueCode("invalidCalledDeviceID"))));
        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.cstaError()).isEqualTo("operation/invalidCalledDeviceID");
    }

    @Test
    void anythingElseIsTheGatewaysFaultAndSaysNothingOfItsCause() {
        Problem problem = ProblemMapping.of(new IllegalStateException("token abc123 leaked"));
        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.detail()).doesNotContain("abc123");
    }
}
