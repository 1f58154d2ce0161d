package org.cloudgate.sip.message;

import io.netty.util.concurrent.FastThreadLocal;
import org.cloudgate.sip.wire.Octets;

/**
 * Splices that change one part of an address value and keep the rest as received: the
 * display name and tag of a From survive a new URI without being copied.
 */
final class AddressSplices {
    /** Readers reused per thread: a rewrite on the hot path allocates only its splice. */
    private static final FastThreadLocal<AddressSyntax> ADDRESS = new FastThreadLocal<>() {
        @Override
        protected AddressSyntax initialValue() {
            return new AddressSyntax();
        }
    };
    private static final FastThreadLocal<ValueScanner> SCANNER = new FastThreadLocal<>() {
        @Override
        protected ValueScanner initialValue() {
            return new ValueScanner(null, 0, 0);
        }
    };

    private AddressSplices() {
    }

    /** Reads the first address of the value {@code [valueStart, valueEnd)}; {@code null} if malformed. */
    private static AddressSyntax read(Octets octets, int valueStart, int valueEnd) {
        AddressSyntax address = ADDRESS.get();
        ValueScanner scanner = SCANNER.get().reset(octets, valueStart, valueEnd);
        boolean valid = address.scan(scanner);
        scanner.reset(null, 0, 0);
        return valid ? address : null;
    }

    /**
     * A new URI. An addr-spec value (no {@code <>}) gets brackets, since the new URI may carry
     * {@code ;} or {@code ?} that would otherwise be read as header parameters (RFC 3261 20.10).
     */
    static ValueSplice withUri(Octets octets, int valueStart, CharSequence uri, int valueEnd) {
        AddressSyntax address = read(octets, valueStart, valueEnd);
        if (address == null) {
            return null;
        }
        if (address.bracketed()) {
            return ValueSplice.around(valueStart, address.uriStart(), uri, address.uriEnd(), valueEnd);
        }
        return ValueSplice.around(valueStart, address.uriStart(), "<" + uri + ">", address.uriEnd(), valueEnd);
    }

    /** A new display name, the URI moved into {@code <>} if it was an addr-spec. */
    static ValueSplice withDisplayName(BufferedSipMessage message, int valueStart, CharSequence quotedName,
                                       int valueEnd) {
        AddressSyntax address = read(message.octets(), valueStart, valueEnd);
        if (address == null) {
            return null;
        }
        String separator = quotedName.length() == 0 ? "" : " ";
        if (address.bracketed()) {
            return ValueSplice.around(0, 0, quotedName + separator, address.uriStart() - 1, valueEnd);
        }
        String bracketed = quotedName + separator + "<" + message.text(address.uriStart(), address.uriEnd()) + ">";
        return ValueSplice.around(0, 0, bracketed, address.uriEnd(), valueEnd);
    }
}
