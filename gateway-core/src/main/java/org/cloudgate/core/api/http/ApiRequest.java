package org.cloudgate.core.api.http;

import org.cloudgate.core.config.ApiTokenSettings;

import java.util.Map;

/**
 * An authenticated, authorised request as an operation sees it.
 *
 * @param token      the token that made it (its name goes into logs, never the token)
 * @param parameters the path parameters by name, e.g. {@code id}
 * @param body       the request body as received, possibly empty
 */
public record ApiRequest(ApiTokenSettings token, Map<String, String> parameters, byte[] body) {

    /** A path parameter the route template declares. */
    public String parameter(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route declares no parameter " + name);
        }
        return value;
    }

    /** The body as a JSON object; a body that is not one is a 422 naming what is wrong. */
    public JsonBody json() {
        return JsonBody.parse(body);
    }
}
