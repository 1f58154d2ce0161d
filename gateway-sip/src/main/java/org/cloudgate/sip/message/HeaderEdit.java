package org.cloudgate.sip.message;

import java.nio.charset.StandardCharsets;

/**
 * One recorded rewrite of a header line.
 *
 * @param header     the line it applies to; for {@link Kind#INSERT} the line it goes above, or the
 *                   header count to append
 * @param kind       what happens to the line
 * @param known      the known header concerned, or {@code null} for an extension header
 * @param name       the header name as given
 * @param linePrefix for an insert, the name as given followed by {@code ": "}, UTF-8 encoded;
 *                   otherwise {@code null}
 * @param value      the new value, {@code null} for a removal
 */
record HeaderEdit(int header, Kind kind, HeaderName known, CharSequence name, byte[] linePrefix, ValueSplice value) {

    enum Kind { REPLACE, REMOVE, INSERT }

    static HeaderEdit replace(int header, HeaderName known, CharSequence name, ValueSplice value) {
        return new HeaderEdit(header, Kind.REPLACE, known, name, null, value);
    }

    static HeaderEdit remove(int header, HeaderName known, CharSequence name) {
        return new HeaderEdit(header, Kind.REMOVE, known, name, null, null);
    }

    /** A new line above {@code header}; a known header written as its canonical name shares that name's octets. */
    static HeaderEdit insert(int header, HeaderName known, CharSequence name, ValueSplice value) {
        byte[] prefix = known != null && known.canonical().contentEquals(name)
                ? known.linePrefix()
                : (name + ": ").getBytes(StandardCharsets.UTF_8);
        return new HeaderEdit(header, Kind.INSERT, known, name, prefix, value);
    }

    boolean concerns(HeaderName other, CharSequence otherName) {
        if (known != null || other != null) {
            return known == other;
        }
        return name.toString().equalsIgnoreCase(otherName.toString());
    }
}
