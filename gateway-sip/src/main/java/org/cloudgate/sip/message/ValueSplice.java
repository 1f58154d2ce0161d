package org.cloudgate.sip.message;

/**
 * A new header value made of original octets around new text:
 * {@code original[keepStart, keepEnd) + text + original[tailStart, tailEnd)}. Changing only
 * the URI of a From keeps its display name and tag as they were, without copying them.
 */
record ValueSplice(int keepStart, int keepEnd, CharSequence text, int tailStart, int tailEnd) {

    static ValueSplice of(CharSequence text) {
        return new ValueSplice(0, 0, text, 0, 0);
    }

    void writeTo(MessageSink sink) {
        sink.original(keepStart, keepEnd);
        sink.text(text);
        sink.original(tailStart, tailEnd);
    }
}
