package org.cloudgate.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpMethod;
import org.cloudgate.core.api.http.Route;
import org.cloudgate.core.api.http.Router;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes the gateway serves and the API document describe the same API: the same templates
 * with the same methods, the same scope, a request body exactly where the route takes one, and
 * every {@code $ref} resolves. The answers themselves are checked against the document by the
 * daemon's integration test.
 */
class OpenApiContractTest {

    private final OpenApiDocument document = OpenApiDocument.load();
    private final Router router = ApiRoutes.router(new ApiContext(null, null, null, null, null));

    @Test
    void theDocumentListsExactlyTheRoutesTheRouterServes() {
        Map<String, Set<String>> served = new LinkedHashMap<>();
        router.methodsByTemplate().forEach((template, methods) -> {
            Set<String> names = new LinkedHashSet<>();
            methods.forEach(method -> names.add(method.name()));
            served.put(template, names);
        });
        assertThat(document.operations()).isEqualTo(served);
    }

    @Test
    void eachOperationDocumentsItsScopeBodyAndAuthenticationFailure() {
        for (Route route : router.routes()) {
            String name = route.method() + " " + route.template();
            JsonNode operation = document.operation(route.template(), route.method().name());
            assertThat(operation.path("x-scope").asText()).as(name).isEqualTo(route.scope().label());
            assertThat(operation.has("requestBody")).as(name + " request body").isEqualTo(route.takesBody());
            JsonNode responses = operation.get("responses");
            assertThat(responses.has("401")).as(name + " 401").isTrue();
            assertThat(responses.has("429")).as(name + " 429").isTrue();
            if (!route.method().equals(HttpMethod.GET)) {
                assertThat(responses.has("403")).as(name + " 403").isTrue();
            }
            if (route.takesBody()) {
                assertThat(responses.has("415") && responses.has("422")).as(name + " 415 and 422").isTrue();
            }
            if (route.template().contains("{")) {
                assertThat(responses.has("404")).as(name + " 404").isTrue();
            }
        }
    }

    @Test
    void everyReferenceResolvesAndTheServedDocumentIsTheOneInTheRepository() throws Exception {
        List<String> refs = document.root().findValuesAsText("$ref");
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            document.resolve(new ObjectMapper().createObjectNode().put("$ref", ref));
        }
        Path repositoryCopy = Path.of("..", "docs", "api", "openapi.yaml");
        assertThat(ApiRoutes.document()).isEqualTo(Files.readAllBytes(repositoryCopy));
    }

    @Test
    void theCheckerFindsAnswersThatDoNotFit() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(document.violations("/api/v1/users/{id}/gsm", "GET", 200, "application/json",
                json.readTree("{\"enabled\":true,\"number\":\"+41791234567\"}"))).isEmpty();
        assertThat(document.violations("/api/v1/users/{id}/gsm", "GET", 200, "application/json",
                json.readTree("{\"enabled\":\"yes\",\"colour\":1}")))
                .containsExactly("$.enabled should be \"boolean\", is string", "$.colour is not documented");
        assertThat(document.violations("/api/v1/users/{id}", "GET", 404, "application/problem+json",
                json.readTree("{\"type\":\"t\",\"title\":\"Not Found\",\"status\":404}")))
                .containsExactly("$ lacks the required detail");
        assertThat(document.violations("/api/v1/users/{id}", "GET", 418, "application/json", null))
                .containsExactly("GET /api/v1/users/{id} documents no 418 answer");
    }
}
