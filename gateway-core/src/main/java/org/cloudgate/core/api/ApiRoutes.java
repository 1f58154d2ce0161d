package org.cloudgate.core.api;

import org.cloudgate.core.api.http.ApiResponse;
import org.cloudgate.core.api.http.Route;
import org.cloudgate.core.api.http.Router;
import org.cloudgate.core.api.security.Scope;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Every route of the northbound API, version 1, with the scope each needs. The API document
 * ({@code docs/api/openapi.yaml}, served on {@code /api/v1/openapi}) describes the same routes;
 * a test holds the two together.
 */
public final class ApiRoutes {

    /** Where the API document is on the class path. */
    public static final String DOCUMENT = "org/cloudgate/core/api/openapi.yaml";
    public static final String EVENTS = "/api/v1/events";
    private static final String USER = "/api/v1/users/{id}";
    private static final String CALL = USER + "/calls/{callId}";

    private ApiRoutes() {
    }

    public static Router router(ApiContext context) {
        UserOperations users = new UserOperations(context);
        CallOperations calls = new CallOperations(context);
        byte[] document = document();
        return new Router(List.of(
                Route.get("/api/v1/openapi", Scope.READ,
                        request -> CompletableFuture.completedFuture(ApiResponse.document(document, "application/yaml"))),
                Route.get("/api/v1/users", Scope.READ, users::list),
                Route.get(USER, Scope.READ, users::get),
                Route.get(USER + "/calls", Scope.READ, calls::list),
                Route.post(USER + "/calls", Scope.CONTROL, true, calls::make),
                Route.get(CALL, Scope.READ, calls::get),
                Route.post(CALL + "/answer", Scope.CONTROL, false, calls::answer),
                Route.post(CALL + "/hold", Scope.CONTROL, false, calls::hold),
                Route.post(CALL + "/retrieve", Scope.CONTROL, false, calls::retrieve),
                Route.post(CALL + "/clear", Scope.CONTROL, false, calls::clear),
                Route.post(CALL + "/deflect", Scope.CONTROL, true, calls::deflect),
                Route.post(CALL + "/transfer", Scope.CONTROL, true, calls::transfer),
                Route.get(USER + "/dnd", Scope.READ, users::getDoNotDisturb),
                Route.put(USER + "/dnd", Scope.CONTROL, users::putDoNotDisturb),
                Route.get(USER + "/forwarding", Scope.READ, users::getForwarding),
                Route.put(USER + "/forwarding", Scope.CONTROL, users::putForwarding),
                Route.get(USER + "/gsm", Scope.READ, users::getGsm),
                Route.put(USER + "/gsm", Scope.CONTROL, users::putGsm),
                Route.post(USER + "/call-through", Scope.CONTROL, true, users::callThrough),
                Route.eventStream(EVENTS, Scope.READ)));
    }

    /** The API document as shipped in the jar. */
    public static byte[] document() {
        try (InputStream in = ApiRoutes.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
