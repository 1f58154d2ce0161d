package org.cloudgate.core.calls;

import org.cloudgate.core.config.CallSettings;
import org.cloudgate.core.config.CallSettings.ClirFrom;
import org.cloudgate.core.config.CallSettings.RedirectingInfo;
import org.cloudgate.sip.b2bua.CallerIdentity;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.NameAddress;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.uri.SipUri;

import java.util.List;
import java.util.Locale;

/**
 * The identity and redirection headers of each kind of call, as the operator set them: CLIR
 * (RFC 3323, RFC 3325), redirecting information (RFC 5806 Diversion, RFC 7044 History-Info), and
 * the call-through number on calls sent to a GSM.
 */
final class IdentityRules {

    static final String ANONYMOUS_DISPLAY = "\"Anonymous\"";
    static final String ANONYMOUS_URI = "sip:anonymous@anonymous.invalid";

    private final CallSettings settings;
    private final String gatewayHost;

    IdentityRules(CallSettings settings, String gatewayHost) {
        this.settings = settings;
        this.gatewayHost = gatewayHost;
    }

    /** Whether the caller withholds the number: {@code Privacy: id} or an anonymous From (RFC 3323). */
    static boolean withheld(SipRequest invite) {
        List<String> privacy = invite.privacy();
        if (privacy.contains("id") || privacy.contains("user")) {
            return true;
        }
        NameAddress from = invite.from();
        SipUri uri = from == null ? null : from.sipUri();
        return uri != null && "anonymous".equalsIgnoreCase(uri.user());
    }

    /** The From a withheld caller gets, or {@link CallerIdentity#AS_RECEIVED} for "unchanged". */
    CallerIdentity anonymous() {
        ClirFrom clir = settings.clirFrom();
        return switch (clir) {
            case ANONYMOUS -> new CallerIdentity(ANONYMOUS_DISPLAY, ANONYMOUS_URI);
            case ANONYMOUS_LOCAL -> new CallerIdentity(ANONYMOUS_DISPLAY, "sip:anonymous@" + gatewayHost);
            case UNCHANGED -> CallerIdentity.AS_RECEIVED;
        };
    }

    /**
     * Toward a client, outside the trust domain: no P-Asserted-Identity (RFC 3325 section 5), and
     * the redirections in the form the operator chose.
     */
    void towardClient(SipRequest invite, SipRequest outgoing) {
        if (invite.contains(HeaderName.P_ASSERTED_IDENTITY)) {
            outgoing.removeHeader(HeaderName.P_ASSERTED_IDENTITY);
        }
        RedirectingInfo redirecting = settings.redirectingInfo();
        boolean diversion = invite.contains(HeaderName.DIVERSION);
        boolean history = invite.contains(HeaderName.HISTORY_INFO);
        switch (redirecting) {
            case NONE -> withoutRedirections(invite, outgoing);
            case DIVERSION -> {
                if (history) {
                    outgoing.removeHeader(HeaderName.HISTORY_INFO);
                }
            }
            case HISTORY_INFO -> {
                if (diversion) {
                    outgoing.removeHeader(HeaderName.DIVERSION);
                    if (!history) {
                        outgoing.setHeader(HeaderName.HISTORY_INFO, historyFromDiversions(invite));
                    }
                }
            }
        }
    }

    /**
     * No redirection information on the outgoing request: toward a client when the operator wants
     * none, and on a call the gateway places anew on a user's behalf (call-through dial-in), where
     * the redirections the triggering call went through are that call's, not the new one's.
     */
    static void withoutRedirections(SipRequest invite, SipRequest outgoing) {
        if (invite.contains(HeaderName.DIVERSION)) {
            outgoing.removeHeader(HeaderName.DIVERSION);
        }
        if (invite.contains(HeaderName.HISTORY_INFO)) {
            outgoing.removeHeader(HeaderName.HISTORY_INFO);
        }
    }

    /**
     * RFC 6044 section 4.1, in short: each Diversion (most recent first) becomes a History-Info
     * entry of the diverting party, oldest first, with the cause its reason maps to (RFC 4458),
     * and the current target closes the chain.
     */
    static String historyFromDiversions(SipRequest invite) {
        List<NameAddress> diversions = invite.diversions();
        StringBuilder value = new StringBuilder();
        String index = "1";
        for (int i = diversions.size() - 1; i >= 0; i--) {
            String uri = diversions.get(i).uri();
            if (i < diversions.size() - 1) {
                uri = withCause(uri, cause(diversions.get(i + 1).param("reason")));
            }
            value.append('<').append(uri).append(">;index=").append(index).append(", ");
            index = index + ".1";
        }
        return value.append('<').append(withCause(invite.requestUri(), cause(diversions.get(0).param("reason"))))
                .append(">;index=").append(index).toString();
    }

    private static String withCause(String uri, int cause) {
        return uri + ";cause=" + cause;
    }

    /** RFC 4458 section 2: the Diversion reason as a SIP cause. */
    private static int cause(String reason) {
        if (reason == null) {
            return 302;
        }
        return switch (reason.replace("\"", "").toLowerCase(Locale.ROOT)) {
            case "user-busy" -> 486;
            case "no-answer" -> 408;
            case "unavailable" -> 503;
            case "deflection", "time-of-day", "do-not-disturb", "follow-me", "out-of-service", "away" -> 480;
            default -> 302;
        };
    }

    /**
     * Toward the PBX, inside the trust domain: the user's identity asserted (RFC 3325 section 9.1),
     * and {@code Privacy: id} when the user withholds it.
     */
    static void towardPbx(SipRequest invite, SipRequest outgoing, String assertedIdentity, boolean withheld) {
        outgoing.setHeader(HeaderName.P_ASSERTED_IDENTITY, assertedIdentity);
        if (invite.header("P-Preferred-Identity") != null) {
            outgoing.removeHeader("P-Preferred-Identity");
        }
        if (withheld) {
            outgoing.setHeader(HeaderName.PRIVACY, "id");
        } else if (invite.contains(HeaderName.PRIVACY)) {
            outgoing.removeHeader(HeaderName.PRIVACY);
        }
    }

    /**
     * A call sent to a user's GSM through the PBX's outgoing route: with CLIP no screening the
     * original caller stays in From; otherwise the call-through number is the CLI. The call-through
     * number also goes where the operator sends it: a Diversion (RFC 5806) naming it, or, when
     * From carries the caller, the asserted identity.
     */
    CallerIdentity gsmFrom(String callThroughUri) {
        return settings.clipNoScreening() ? CallerIdentity.AS_RECEIVED : new CallerIdentity(null, callThroughUri);
    }

    void towardGsm(SipRequest invite, SipRequest outgoing, String callThroughUri) {
        if (settings.callThroughTo() == CallSettings.CallThroughTo.DIVERSION) {
            outgoing.addHeader(HeaderName.DIVERSION, '<' + callThroughUri + ">;reason=unconditional;counter=1");
            if (invite.contains(HeaderName.P_ASSERTED_IDENTITY)) {
                outgoing.removeHeader(HeaderName.P_ASSERTED_IDENTITY);
            }
        } else if (settings.clipNoScreening()) {
            outgoing.setHeader(HeaderName.P_ASSERTED_IDENTITY, '<' + callThroughUri + '>');
        } else if (invite.contains(HeaderName.P_ASSERTED_IDENTITY)) {
            outgoing.removeHeader(HeaderName.P_ASSERTED_IDENTITY);
        }
    }
}
