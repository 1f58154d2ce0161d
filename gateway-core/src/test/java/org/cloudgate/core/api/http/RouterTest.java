package org.cloudgate.core.api.http;

import io.netty.handler.codec.http.HttpMethod;
import org.cloudgate.core.api.security.Scope;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouterTest {

    private static final ApiOperation NOTHING = request -> CompletableFuture.completedFuture(ApiResponse.noContent());

    private final Router router = new Router(List.of(
            Route.get("/api/v1/users", Scope.READ, NOTHING),
            Route.get("/api/v1/users/{id}", Scope.READ, NOTHING),
            Route.get("/api/v1/users/{id}/dnd", Scope.READ, NOTHING),
            Route.put("/api/v1/users/{id}/dnd", Scope.CONTROL, NOTHING),
            Route.post("/api/v1/users/{id}/calls/{callId}/answer", Scope.CONTROL, false, NOTHING)));

    @Test
    void literalSegmentsMustMatchAndParametersTakeOneSegmentEach() {
        Router.Match match = router.match(HttpMethod.POST, "/api/v1/users/201/calls/c%2F7/answer");
        assertThat(match).isInstanceOf(Router.Found.class);
        Router.Found found = (Router.Found) match;
        assertThat(found.route().template()).isEqualTo("/api/v1/users/{id}/calls/{callId}/answer");
        assertThat(found.parameters()).isEqualTo(Map.of("id", "201", "callId", "c/7"));

        assertThat(((Router.Found) router.match(HttpMethod.GET, "/api/v1/users/2+1")).parameters())
                .as("a plus in a path is a plus").containsEntry("id", "2+1");
        assertThat(((Router.Found) router.match(HttpMethod.GET, "/api/v1/users")).route().template())
                .isEqualTo("/api/v1/users");
    }

    @Test
    void unknownPathsAreNotFound() {
        assertThat(router.match(HttpMethod.GET, "/api/v1/user")).isInstanceOf(Router.NotFound.class);
        assertThat(router.match(HttpMethod.GET, "/api/v1/users/201/dnd/x")).isInstanceOf(Router.NotFound.class);
        assertThat(router.match(HttpMethod.GET, "/api/v1/users/")).as("trailing slash").isInstanceOf(Router.NotFound.class);
        assertThat(router.match(HttpMethod.GET, "/api/v1//users")).isInstanceOf(Router.NotFound.class);
        assertThat(router.match(HttpMethod.GET, "api/v1/users")).isInstanceOf(Router.NotFound.class);
        assertThat(router.match(HttpMethod.GET, "/api/v1/users/%zz")).as("malformed escape")
                .isInstanceOf(Router.NotFound.class);
    }

    @Test
    void aKnownPathWithAnotherMethodListsTheMethodsItHas() {
        assertThat(router.match(HttpMethod.DELETE, "/api/v1/users/201/dnd"))
                .isEqualTo(new Router.WrongMethod(Set.of(HttpMethod.GET, HttpMethod.PUT)));
        assertThat(router.match(HttpMethod.GET, "/api/v1/users/201/calls/7/answer"))
                .isEqualTo(new Router.WrongMethod(Set.of(HttpMethod.POST)));
    }

    @Test
    void twoRoutesForOneMethodAndTemplateAreAMistake() {
        assertThatThrownBy(() -> new Router(List.of(Route.get("/a", Scope.READ, NOTHING),
                Route.get("/a", Scope.CONTROL, NOTHING)))).hasMessageContaining("two routes for GET /a");
    }
}
