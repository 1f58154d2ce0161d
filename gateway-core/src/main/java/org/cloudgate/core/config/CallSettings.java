package org.cloudgate.core.config;

import org.cloudgate.sip.b2bua.SessionRefresh;

import java.time.Duration;

/**
 * How the gateway carries calls ({@code cloudgate.calls}): routing toward the PBX, the number and
 * identity rules, and the limits that bound every call.
 *
 * @param outgoingRoute        vendor field "Route for outgoing calls": the prefix dialled before
 *                             an external number sent to the PBX
 * @param maxExtensionLength   dialled numbers of at most this many digits are internal extensions
 * @param ringTimeout          how long a call may ring before the gateway answers 480
 * @param maxDuration          the longest an answered call lasts (bounds a dialog whose BYE was lost)
 * @param maxConcurrent        vendor field "Bandwidth control area", its call-admission limit; 0 for none
 * @param clirFrom             vendor field "'From' field for CLIR"
 * @param redirectingInfo      vendor field "Sending redirecting information"
 * @param callThroughNumber    vendor field "DDI plan / Call Through": the call-through DDI, empty for none
 * @param callThroughTo        vendor field "Call-through number send to"
 * @param clipNoScreening      vendor field "Use CLIP no screening for GSM calls"
 * @param callThroughValidity  how long a destination announced for call-through dial-in stays valid
 * @param sessionRefresh       vendor field "Send session refresh": session timers on each leg (RFC 4028)
 * @param sessionReplacement   vendor field "Session replacement support": Replaces (RFC 3891) mapped
 *                             across the two dialogs of a call
 * @param countryCode          the country code of the PBX's country (digits), with which national
 *                             numbers are matched with international ones; empty when not set
 */
public record CallSettings(String outgoingRoute, int maxExtensionLength, Duration ringTimeout, Duration maxDuration,
                           int maxConcurrent, ClirFrom clirFrom, RedirectingInfo redirectingInfo,
                           String callThroughNumber, CallThroughTo callThroughTo, boolean clipNoScreening,
                           Duration callThroughValidity, SessionRefresh sessionRefresh, boolean sessionReplacement,
                           String countryCode) {

    /** Settings with session replacement on and no country code, the defaults. */
    public CallSettings(String outgoingRoute, int maxExtensionLength, Duration ringTimeout, Duration maxDuration,
                        int maxConcurrent, ClirFrom clirFrom, RedirectingInfo redirectingInfo,
                        String callThroughNumber, CallThroughTo callThroughTo, boolean clipNoScreening,
                        Duration callThroughValidity, SessionRefresh sessionRefresh) {
        this(outgoingRoute, maxExtensionLength, ringTimeout, maxDuration, maxConcurrent, clirFrom, redirectingInfo,
                callThroughNumber, callThroughTo, clipNoScreening, callThroughValidity, sessionRefresh, true, "");
    }

    /** How a caller who withholds the number appears (RFC 3323). */
    public enum ClirFrom {
        /** {@code "Anonymous" <sip:anonymous@anonymous.invalid>}, RFC 3323 section 4.1.1.3. */
        ANONYMOUS,
        /** {@code "Anonymous" <sip:anonymous@GATEWAY>}, for peers that refuse the invalid domain. */
        ANONYMOUS_LOCAL,
        /** From unchanged; {@code Privacy: id} asks the next hop to withhold it. */
        UNCHANGED
    }

    /** How a call's redirections reach a client (RFC 5806, RFC 7044). */
    public enum RedirectingInfo {
        NONE,
        DIVERSION,
        HISTORY_INFO
    }

    /** Where the call-through number goes on a call sent to a user's GSM. */
    public enum CallThroughTo {
        DIVERSION,
        FROM
    }

    static CallSettings read(SettingsReader r) {
        String route = r.string("cloudgate.calls.outgoing-route").trim();
        if (!route.chars().allMatch(c -> Character.isDigit(c) || c == '*' || c == '#')) {
            r.reject("cloudgate.calls.outgoing-route", "\"" + route + "\" is not a dialling prefix: digits, * and # only");
        }
        String callThrough = r.string("cloudgate.calls.gsm.call-through-number").trim();
        if (!callThrough.isEmpty() && !callThrough.matches("\\+?[0-9]{2,20}")) {
            r.reject("cloudgate.calls.gsm.call-through-number", "\"" + callThrough + "\" is not a number");
        }
        String countryCode = r.string("cloudgate.calls.gsm.country-code").trim();
        if (!countryCode.isEmpty() && !countryCode.matches("[1-9][0-9]{0,2}")) {
            r.reject("cloudgate.calls.gsm.country-code", "\"" + countryCode
                    + "\" is not a country code: one to three digits without + or 00, e.g. 41");
        }
        return new CallSettings(route,
                (int) r.integer("cloudgate.calls.max-extension-length", 1, 15),
                r.duration("cloudgate.calls.ring-timeout", Duration.ofSeconds(5), Duration.ofHours(1)),
                r.duration("cloudgate.calls.max-duration", Duration.ofMinutes(1), Duration.ofDays(7)),
                (int) r.integer("cloudgate.calls.max-concurrent", 0, 1_000_000),
                r.enumValue("cloudgate.calls.clir-from", ClirFrom.class),
                r.enumValue("cloudgate.calls.redirecting-information", RedirectingInfo.class),
                callThrough,
                r.enumValue("cloudgate.calls.gsm.call-through-number-to", CallThroughTo.class),
                r.bool("cloudgate.calls.gsm.clip-no-screening"),
                r.duration("cloudgate.calls.gsm.call-through-validity", Duration.ofSeconds(5), Duration.ofHours(1)),
                sessionRefresh(r),
                r.bool("cloudgate.calls.session-replacement"),
                countryCode);
    }

    private static SessionRefresh sessionRefresh(SettingsReader r) {
        boolean enabled = r.bool("cloudgate.calls.session-refresh.enabled");
        Duration interval = r.duration("cloudgate.calls.session-refresh.interval", Duration.ofSeconds(90), Duration.ofDays(1));
        Duration minimum = r.duration("cloudgate.calls.session-refresh.min-se", Duration.ofSeconds(90), Duration.ofDays(1));
        if (interval.compareTo(minimum) < 0) {
            r.reject("cloudgate.calls.session-refresh.interval", "must not be shorter than cloudgate.calls.session-refresh.min-se");
            return SessionRefresh.OFF;
        }
        return new SessionRefresh(enabled, interval, minimum);
    }
}
