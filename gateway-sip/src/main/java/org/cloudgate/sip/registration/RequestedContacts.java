package org.cloudgate.sip.registration;

import java.util.ArrayList;
import java.util.List;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.NameAddress;
import org.cloudgate.sip.message.SipRequest;

/**
 * What a REGISTER asks for (RFC 3261 section 10.2.1 and 10.3 steps 6 to 8), read and checked
 * before any binding changes: a list of contacts with their expiry, the wildcard {@code *} to
 * remove every binding, or nothing (a query). Each contact's expiry is its {@code expires}
 * parameter, else the Expires header, else the registrar's default, shortened to the maximum.
 * Public for other registrars built on this stack, such as the test kit's simulated PBX.
 */
public final class RequestedContacts {

    /** delta-seconds above 2**32-1 are taken as 2**32-1 (RFC 3261 section 20.19 and 20.10). */
    private static final long LONGEST_DELTA = 4_294_967_295L;

    /** A contact to add, refresh ({@code expires > 0}) or remove ({@code expires == 0}). */
    public record Requested(NameAddress contact, long expires) {
    }

    public enum Kind { CONTACTS, WILDCARD, MALFORMED, TOO_BRIEF }

    final Kind kind;
    final List<Requested> contacts;
    /** For {@link Kind#MALFORMED}: the reason phrase of the 400. */
    final String problem;

    private RequestedContacts(Kind kind, List<Requested> contacts, String problem) {
        this.kind = kind;
        this.contacts = contacts;
        this.problem = problem;
    }

    public Kind kind() {
        return kind;
    }

    /** The contacts asked for, with their expiry; empty unless {@link Kind#CONTACTS} or {@link Kind#TOO_BRIEF}. */
    public List<Requested> contacts() {
        return contacts;
    }

    /** For {@link Kind#MALFORMED}: the reason phrase of the 400; otherwise {@code null}. */
    public String problem() {
        return problem;
    }

    private static RequestedContacts malformed(String problem) {
        return new RequestedContacts(Kind.MALFORMED, List.of(), problem);
    }

    public static RequestedContacts read(SipRequest request, RegistrarSettings settings) {
        String expiresHeader = request.header(HeaderName.EXPIRES);
        long headerExpires = expiresHeader == null ? -1 : deltaSeconds(expiresHeader.trim());
        if (expiresHeader != null && headerExpires < 0) {
            return malformed("Invalid Expires");
        }
        List<String> lines = request.headers(HeaderName.CONTACT);
        if (lines.size() == 1 && "*".equals(lines.get(0).trim())) {
            // Section 10.3 step 6: "*" only alone and with Expires: 0.
            return headerExpires == 0 ? new RequestedContacts(Kind.WILDCARD, List.of(), null)
                    : malformed("Wildcard Contact Needs Expires 0");
        }
        List<NameAddress> contacts = request.contacts();
        if (contacts.isEmpty() != lines.isEmpty()) {
            return malformed("Invalid Contact");
        }
        long fallback = headerExpires >= 0 ? headerExpires : settings.defaultExpires();
        List<Requested> requested = new ArrayList<>(contacts.size());
        boolean tooBrief = false;
        for (NameAddress contact : contacts) {
            if ("*".equals(contact.uri())) {
                return malformed("Wildcard Contact Not Alone");
            }
            String param = contact.param("expires");
            long expires = param == null ? fallback : deltaSeconds(param);
            if (expires < 0) {
                return malformed("Invalid Contact Expires");
            }
            tooBrief |= expires > 0 && expires < settings.minExpires();
            requested.add(new Requested(contact, Math.min(expires, settings.maxExpires())));
        }
        return new RequestedContacts(tooBrief ? Kind.TOO_BRIEF : Kind.CONTACTS, requested, null);
    }

    /** A delta-seconds value (1*DIGIT), capped; -1 when it is not one. */
    private static long deltaSeconds(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            int digit = Character.digit(text.charAt(i), 10);
            if (digit < 0) {
                return -1;
            }
            value = Math.min(LONGEST_DELTA, value * 10 + digit);
        }
        return value;
    }
}
