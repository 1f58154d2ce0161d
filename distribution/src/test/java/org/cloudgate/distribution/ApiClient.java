package org.cloudgate.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cloudgate.core.api.OpenApiDocument;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client of the daemon's northbound API that checks every answer against the API document:
 * each request names its route template, and the answer must be one the document lists for
 * that operation, with a body that fits the documented schema.
 */
final class ApiClient {

    /** One answer: its status, the headers a test looks at, and the body as JSON ({@code null} without one). */
    record Answer(int status, HttpResponse<String> raw, JsonNode body) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The field names of a 422's {@code invalidParams}. */
        List<String> invalidFields() {
            return body.path("invalidParams").findValuesAsText("name");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http;
    private final OpenApiDocument document = OpenApiDocument.load();

    ApiClient(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    ApiClient(String base) {
        this(base, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build());
    }

    Answer get(String template, Map<String, String> parameters, String token) throws IOException, InterruptedException {
        return send("GET", template, parameters, token, null, null);
    }

    Answer json(String method, String template, Map<String, String> parameters, String token, String body)
            throws IOException, InterruptedException {
        return send(method, template, parameters, token, "application/json", body);
    }

    Answer send(String method, String template, Map<String, String> parameters, String token, String contentType,
                String body) throws IOException, InterruptedException {
        String path = template;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            path = path.replace("{" + parameter.getKey() + "}", parameter.getValue());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String type = response.headers().firstValue("Content-Type").orElse(null);
        JsonNode json = response.body().isEmpty() || type == null || !type.contains("json") ? null
                : JSON.readTree(response.body());
        if (document.operation(template, method) != null) {
            assertThat(document.violations(template, method, response.statusCode(), type, json))
                    .as(method + " " + path + " answered " + response.statusCode() + " " + response.body())
                    .isEmpty();
        }
        return new Answer(response.statusCode(), response, json);
    }
}
