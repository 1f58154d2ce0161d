package org.cloudgate.sip.message;

/**
 * Splices that change one part of an address value and keep the rest as received: the
 * display name and tag of a From survive a new URI without being copied.
 */
final class AddressSplices {
    private AddressSplices() {
    }

    /**
     * A new URI. An addr-spec value (no {@code <>}) gets brackets, since the new URI may carry
     * {@code ;} or {@code ?} that would otherwise be read as header parameters (RFC 3261 20.10).
     */
    static ValueSplice withUri(AddressSyntax address, int valueStart, CharSequence uri, int valueEnd) {
        if (address.bracketed()) {
            return new ValueSplice(valueStart, address.uriStart(), uri, address.uriEnd(), valueEnd);
        }
        return new ValueSplice(valueStart, address.uriStart(), "<" + uri + ">", address.uriEnd(), valueEnd);
    }

    /** A new display name, the URI moved into {@code <>} if it was an addr-spec. */
    static ValueSplice withDisplayName(BufferedSipMessage message, AddressSyntax address, CharSequence quotedName,
                                       int valueEnd) {
        String separator = quotedName.length() == 0 ? "" : " ";
        if (address.bracketed()) {
            return new ValueSplice(0, 0, quotedName + separator, address.uriStart() - 1, valueEnd);
        }
        String bracketed = quotedName + separator + "<" + message.text(address.uriStart(), address.uriEnd()) + ">";
        return new ValueSplice(0, 0, bracketed, address.uriEnd(), valueEnd);
    }
}
