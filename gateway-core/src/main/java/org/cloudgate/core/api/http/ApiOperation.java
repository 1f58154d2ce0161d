package org.cloudgate.core.api.http;

import java.util.concurrent.CompletableFuture;

/**
 * What a route does. An operation may throw or fail its future with {@link ApiException} for a
 * refusal; anything else is mapped to a problem by {@link ProblemMapping}.
 */
@FunctionalInterface
public interface ApiOperation {
    CompletableFuture<ApiResponse> handle(ApiRequest request);
}
