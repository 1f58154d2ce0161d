package org.cloudgate.sip.b2bua;

import org.cloudgate.sip.message.SipRequest;

import java.util.List;

/** What the router decided for a new call: refuse it, or place it toward one or more targets. */
public sealed interface CallPlan {

    /**
     * Refuse the INVITE.
     *
     * @param headers extra header lines for the response ({@code Name: value}), e.g. Retry-After
     *                or a digest challenge
     */
    record Reject(int status, String reason, List<String> headers) implements CallPlan {

        public static Reject of(int status, String reason) {
            return new Reject(status, reason, List.of());
        }
    }

    /**
     * Place the call. Several targets are tried in parallel (forking, RFC 3261 section 16.7
     * style): the first 2xx wins and the others are cancelled.
     *
     * @param kind    a low-cardinality label for metrics and logs, e.g. {@code to-pbx}
     * @param caller  the From written toward every target
     * @param rewrite further edits of each outgoing INVITE (identity and redirection headers)
     * @param media   what happens to the call's session descriptions; closed when the call ends
     */
    record Forward(String kind, List<CallTarget> targets, CallerIdentity caller, Rewrite rewrite, CallMedia media)
            implements CallPlan {

        public Forward {
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("a call needs a target");
            }
            targets = List.copyOf(targets);
        }

        /** A call whose media passes through unchanged. */
        public Forward(String kind, List<CallTarget> targets, CallerIdentity caller, Rewrite rewrite) {
            this(kind, targets, caller, rewrite, CallMedia.PASS_THROUGH);
        }
    }

    /** Edits applied to an outgoing INVITE after the B2BUA wrote its own headers. */
    @FunctionalInterface
    interface Rewrite {
        Rewrite NONE = request -> { };

        void apply(SipRequest outgoing);
    }
}
