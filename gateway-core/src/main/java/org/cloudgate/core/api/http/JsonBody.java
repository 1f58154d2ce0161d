package org.cloudgate.core.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A request body read as one JSON object (RFC 8259), field by field, collecting every problem so
 * that one 422 names all the wrong fields. Read the fields, then call {@link #done} with the
 * field names the operation knows: unknown fields are problems too, so a misspelt field is not
 * silently ignored.
 */
public final class JsonBody {

    static final ObjectMapper MAPPER = new ObjectMapper();
    /** The name used for the body as a whole in {@code invalidParams}. */
    public static final String WHOLE_BODY = "(body)";

    private final ObjectNode object;
    private final List<Problem.InvalidParam> problems = new ArrayList<>();

    private JsonBody(ObjectNode object) {
        this.object = object;
    }

    static JsonBody parse(byte[] body) {
        JsonNode node;
        try {
            node = body.length == 0 ? null : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid(WHOLE_BODY, "not JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw invalid(WHOLE_BODY, "not JSON");
        }
        if (node == null) {
            throw invalid(WHOLE_BODY, "missing: this operation takes a JSON object");
        }
        if (!(node instanceof ObjectNode object)) {
            throw invalid(WHOLE_BODY, "must be a JSON object, not " + node.getNodeType().name().toLowerCase());
        }
        return new JsonBody(object);
    }

    private static ApiException invalid(String name, String reason) {
        return new ApiException(Problem.invalidBody(List.of(new Problem.InvalidParam(name, reason))));
    }

    /** A required string field; {@code null} when it is missing or wrong (and noted as a problem). */
    public String string(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            problems.add(new Problem.InvalidParam(field, "missing"));
            return null;
        }
        if (!node.isTextual()) {
            problems.add(new Problem.InvalidParam(field, "must be a string"));
            return null;
        }
        return node.textValue();
    }

    /** A required string field that must pass {@code valid}; {@code rule} says what valid is. */
    public String string(String field, Predicate<String> valid, String rule) {
        String value = string(field);
        if (value != null && !valid.test(value)) {
            problems.add(new Problem.InvalidParam(field, rule));
            return null;
        }
        return value;
    }

    /** An optional string field, {@code null} when absent. */
    public String optionalString(String field, Predicate<String> valid, String rule) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : string(field, valid, rule);
    }

    /** A required boolean field. */
    public boolean bool(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            problems.add(new Problem.InvalidParam(field, "missing"));
            return false;
        }
        if (!node.isBoolean()) {
            problems.add(new Problem.InvalidParam(field, "must be true or false"));
            return false;
        }
        return node.booleanValue();
    }

    /** Whether the field is there and not {@code null}. */
    public boolean has(String field) {
        JsonNode node = object.get(field);
        return node != null && !node.isNull();
    }

    /** Notes a problem the operation found with a field, e.g. one that needs another. */
    public void reject(String field, String reason) {
        problems.add(new Problem.InvalidParam(field, reason));
    }

    /**
     * Ends reading: fields outside {@code known} are problems.
     *
     * @throws ApiException 422 naming every wrong field, if any
     */
    public void done(Set<String> known) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(new Problem.InvalidParam(name, "unknown field"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(Problem.invalidBody(problems));
        }
    }
}
