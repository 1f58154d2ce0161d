package org.cloudgate.rtp.sdp;

/** One {@code <type>=<value>} line of a session description (RFC 4566 section 5). */
public record SdpLine(char type, String value) {

    /** For {@code a=} lines: the attribute name, the part before the first colon. */
    public String attributeName() {
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    /** For {@code a=} lines: the part after the first colon, empty for a property attribute. */
    public String attributeValue() {
        int colon = value.indexOf(':');
        return colon < 0 ? "" : value.substring(colon + 1);
    }

    public boolean isAttribute(String name) {
        return type == 'a' && attributeName().equals(name);
    }

    @Override
    public String toString() {
        return type + "=" + value;
    }
}
