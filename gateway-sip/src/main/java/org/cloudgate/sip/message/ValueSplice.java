package org.cloudgate.sip.message;

import java.nio.charset.StandardCharsets;

/**
 * A new header value made of original octets around new text:
 * {@code original[keepStart, keepEnd) + text + original[tailStart, tailEnd)}. Changing only
 * the URI of a From keeps its display name and tag as they were, without copying them.
 *
 * <p>The text is encoded to UTF-8 once, when the rewrite is recorded: measuring and writing the
 * message then copy octets instead of encoding characters each time.
 *
 * @param text the new text, UTF-8 encoded
 */
record ValueSplice(int keepStart, int keepEnd, byte[] text, int tailStart, int tailEnd) {

    /** A whole new value. */
    static ValueSplice of(CharSequence text) {
        return around(0, 0, text, 0, 0);
    }

    /** {@code text} between the original ranges {@code [keepStart, keepEnd)} and {@code [tailStart, tailEnd)}. */
    static ValueSplice around(int keepStart, int keepEnd, CharSequence text, int tailStart, int tailEnd) {
        return new ValueSplice(keepStart, keepEnd, text.toString().getBytes(StandardCharsets.UTF_8), tailStart, tailEnd);
    }

    void writeTo(MessageSink sink) {
        sink.original(keepStart, keepEnd);
        sink.octets(text);
        sink.original(tailStart, tailEnd);
    }
}
