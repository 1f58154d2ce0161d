package org.cloudgate.sip.message;

/**
 * One recorded rewrite of a header line.
 *
 * @param header the line it applies to; for {@link Kind#INSERT} the line it goes above, or the
 *               header count to append
 * @param kind   what happens to the line
 * @param known  the known header concerned, or {@code null} for an extension header
 * @param name   the header name to write for an insert, as given
 * @param value  the new value, {@code null} for a removal
 */
record HeaderEdit(int header, Kind kind, HeaderName known, CharSequence name, ValueSplice value) {

    enum Kind { REPLACE, REMOVE, INSERT }

    boolean concerns(HeaderName other, CharSequence otherName) {
        if (known != null || other != null) {
            return known == other;
        }
        return name.toString().equalsIgnoreCase(otherName.toString());
    }
}
