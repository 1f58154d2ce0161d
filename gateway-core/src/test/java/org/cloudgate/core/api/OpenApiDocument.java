package org.cloudgate.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The API document ({@code docs/api/openapi.yaml}, as the jar serves it) read for checking the
 * implementation against it: which operations it lists, and whether an answer the gateway gave
 * fits the response it documents. The schema check covers what the document uses: {@code $ref},
 * {@code allOf}, {@code type} (one or a list), {@code required}, {@code properties},
 * {@code items} and {@code enum}; other keywords are not checked.
 */
public final class OpenApiDocument {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    public static OpenApiDocument load() {
        try {
            return new OpenApiDocument(new ObjectMapper(new YAMLFactory()).readTree(ApiRoutes.document()));
        } catch (IOException e) {
            throw new IllegalStateException("the API document is not YAML", e);
        }
    }

    public JsonNode root() {
        return root;
    }

    /** Each path template with its methods in upper case, e.g. {@code /api/v1/users/{id}/dnd -> [GET, PUT]}. */
    public Map<String, Set<String>> operations() {
        Map<String, Set<String>> operations = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            Set<String> methods = new LinkedHashSet<>();
            path.getValue().fieldNames().forEachRemaining(name -> {
                if (METHODS.contains(name)) {
                    methods.add(name.toUpperCase(Locale.ROOT));
                }
            });
            operations.put(path.getKey(), methods);
        }
        return operations;
    }

    public JsonNode operation(String template, String method) {
        JsonNode path = root.get("paths").get(template);
        return path == null ? null : path.get(method.toLowerCase(Locale.ROOT));
    }

    /**
     * What is wrong with an answer to {@code method template}, by the document; empty if it fits.
     *
     * @param contentType the answer's media type, {@code null} without a body
     * @param body        the answer's body parsed as JSON, {@code null} without one
     */
    public List<String> violations(String template, String method, int status, String contentType, JsonNode body) {
        List<String> violations = new ArrayList<>();
        JsonNode operation = operation(template, method);
        if (operation == null) {
            violations.add(method + " " + template + " is not in the document");
            return violations;
        }
        JsonNode response = operation.path("responses").get(Integer.toString(status));
        if (response == null) {
            violations.add(method + " " + template + " documents no " + status + " answer");
            return violations;
        }
        response = resolve(response);
        JsonNode content = response.get("content");
        if (content == null) {
            if (body != null) {
                violations.add(status + " documents no body, but one came");
            }
            return violations;
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim();
        JsonNode media = content.get(mediaType);
        if (media == null) {
            violations.add(status + " documents " + iterable(content.fieldNames()) + ", not " + mediaType);
            return violations;
        }
        if (body != null && media.has("schema")) {
            check(media.get("schema"), body, "$", violations);
        }
        return violations;
    }

    private void check(JsonNode schemaOrRef, JsonNode value, String where, List<String> violations) {
        JsonNode schema = resolve(schemaOrRef);
        for (JsonNode part : schema.path("allOf")) {
            check(part, value, where, violations);
        }
        JsonNode type = schema.get("type");
        if (type != null && !typeFits(type, value)) {
            violations.add(where + " should be " + type + ", is " + value.getNodeType().name().toLowerCase(Locale.ROOT));
            return;
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null) {
            boolean found = false;
            for (JsonNode option : allowed) {
                found |= option.asText().equals(value.asText());
            }
            if (!found) {
                violations.add(where + " = " + value + " is not one of " + allowed);
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    violations.add(where + " lacks the required " + required.asText());
                }
            }
            JsonNode properties = schema.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (properties.has(field.getKey())) {
                    check(properties.get(field.getKey()), field.getValue(), where + "." + field.getKey(), violations);
                } else if (!schema.has("allOf")) {
                    violations.add(where + "." + field.getKey() + " is not documented");
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), where + "[" + i + "]", violations);
            }
        }
    }

    private static boolean typeFits(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode option : type) {
                if (typeFits(option, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    /** Follows a local {@code $ref} such as {@code #/components/schemas/User}. */
    public JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local references are checked: " + ref);
            }
            JsonNode target = root;
            for (String part : ref.substring(2).split("/")) {
                target = target.get(part);
                if (target == null) {
                    throw new IllegalArgumentException("unresolved reference " + ref);
                }
            }
            current = target;
        }
        return current;
    }

    private static String iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list.toString();
    }
}
