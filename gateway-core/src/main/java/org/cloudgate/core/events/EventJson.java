package org.cloudgate.core.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.cloudgate.core.directory.OnboardingStatus;
import org.cloudgate.csta.model.LocalConnectionState;

/**
 * The JSON texts of the event stream, written field by field with Jackson's streaming generator
 * so that the wire format is what {@code docs/event-stream.md} says and nothing a reflection
 * rule adds. Events carry {@code id}, {@code time} and {@code type}; the control messages
 * ({@code gap}, {@code error}) carry {@code type} and no id, so that a client never takes one
 * for an event to resume from.
 */
final class EventJson {

    private static final JsonFactory JSON = new JsonFactory();

    private EventJson() {
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator out) throws IOException;
    }

    private static byte[] object(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            fields.write(out);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** An event: {@code {"id":..,"time":"..Z","type":"presence"|"call","user":"..", ...}}. */
    static byte[] event(long id, Instant time, EventBody body) {
        return object(out -> {
            out.writeNumberField("id", id);
            out.writeStringField("time", DateTimeFormatter.ISO_INSTANT.format(time));
            out.writeStringField("type", body.kind().label());
            out.writeStringField("user", body.user());
            if (body instanceof PresenceChanged presence) {
                out.writeStringField("presence", presence.presence().label());
                out.writeStringField("previous", presence.previous().label());
            } else if (body instanceof CallChanged call) {
                out.writeStringField("callId", call.callId());
                out.writeStringField("state", state(call.state()));
                nullable(out, "otherParty", call.otherParty());
                nullable(out, "cause", call.cause() == null ? null : call.cause().xmlName());
            } else if (body instanceof UserChanged user) {
                nullable(out, "status", label(user.status()));
                nullable(out, "previous", label(user.previous()));
            }
        });
    }

    /** ECMA-323's names of the connection states, with {@code cleared} for the null state (the call left the device). */
    static String state(LocalConnectionState state) {
        return state == LocalConnectionState.NULL ? "cleared" : LocalConnectionState.WIRE.xmlName(state);
    }

    /** An onboarding status as the stream names it, e.g. {@code no_licence_left}; {@code null} stays {@code null}. */
    static String label(OnboardingStatus status) {
        return status == null ? null : status.name().toLowerCase(Locale.ROOT);
    }

    private static void nullable(JsonGenerator out, String field, String value) throws IOException {
        if (value == null) {
            out.writeNullField(field);
        } else {
            out.writeStringField(field, value);
        }
    }

    /**
     * Events after {@code after} up to {@code resumeAt - 1} are lost to this client; the stream
     * goes on with {@code resumeAt} (or with the next new event when it is beyond {@code latest}).
     */
    static byte[] gap(long after, long resumeAt, long latest, GapReason reason) {
        return object(out -> {
            out.writeStringField("type", "gap");
            out.writeStringField("reason", reason.label());
            out.writeNumberField("after", after);
            out.writeNumberField("oldest", resumeAt);
            out.writeNumberField("latest", latest);
        });
    }

    /** The answer to a message the client should not have sent. */
    static byte[] error(String detail) {
        return object(out -> {
            out.writeStringField("type", "error");
            out.writeStringField("detail", detail);
        });
    }

    /** An RFC 9457 problem details body for a request refused before the WebSocket handshake. */
    static byte[] problem(int status, String title, String detail) {
        return object(out -> {
            out.writeStringField("type", "about:blank");
            out.writeStringField("title", title);
            out.writeNumberField("status", status);
            out.writeStringField("detail", detail);
        });
    }
}
