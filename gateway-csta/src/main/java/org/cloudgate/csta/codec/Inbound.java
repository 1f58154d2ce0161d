package org.cloudgate.csta.codec;

import java.util.Objects;
import org.cloudgate.csta.model.CstaMessage;

/**
 * A decoded message with what the decoder learned about its form.
 *
 * @param message the message
 * @param ignoredElements how many elements the decoder skipped because the gateway does not use
 *     them (unknown XML elements, unknown BER fields)
 * @param namespace the ECMA-323 namespace of an XML document, {@code null} for BER
 */
public record Inbound(CstaMessage message, int ignoredElements, String namespace) {

    /** Checks the message is present. */
    public Inbound {
        Objects.requireNonNull(message, "message");
    }
}
