package org.cloudgate.sip.registration;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.cloudgate.sip.auth.DigestChallengeKind;
import org.cloudgate.sip.auth.DigestClient;
import org.cloudgate.sip.codec.OutgoingRequests;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.NameAddress;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.transaction.TransactionLayer;
import org.cloudgate.sip.transport.SipTransport;
import org.cloudgate.sip.uri.SipUri;

/**
 * Keeps one terminal registered at the PBX (RFC 3261 section 10.2): REGISTER through the
 * transaction layer, one digest answer per attempt to a 401/407 (one more if the PBX says the
 * nonce was stale), Min-Expires honoured after a 423, a refresh at half the granted time, and
 * after a failure (a timeout arrives as 408 from the transaction layer) a retry whose wait
 * doubles up to a limit; both waits are shortened by a random jitter. {@link #stop()} removes the binding with Expires: 0.
 *
 * <p>All REGISTERs of one registration share a Call-ID and count CSeq up (section 10.2.4).
 * Runs on the event loop of its transaction layer; {@link #start()}, {@link #stop()} and
 * {@link #status()} may be called from any thread.
 */
public final class PbxRegistration {


    /** Where the registration stands. */
    public enum State { IDLE, REGISTERING, REGISTERED, FAILED, UNREGISTERING, STOPPED }

    /**
     * What health checks and metrics read.
     *
     * @param state          where the registration stands
     * @param lastStatus     the status of the last final response, 0 before any
     * @param lastReason     its reason phrase, or empty
     * @param grantedSeconds the registration time the PBX granted last, 0 when not registered
     */
    public record Status(State state, int lastStatus, String lastReason, long grantedSeconds) {
    }

    private final TransactionLayer layer;
    private final EventLoop loop;
    private final SipTransport transport;
    private final PbxTerminal terminal;
    private final PbxRegistrationSettings settings;
    private final DigestClient digest;
    private final String registrarUri;
    private final String callId;
    private final String fromTag;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private volatile Status status = new Status(State.IDLE, 0, "", 0);
    private long cseq;
    private long requestedExpires;
    /** Counts attempts, so the answers of an abandoned attempt are ignored. */
    private long attempt;
    private int challengesAnswered;
    private int failures;
    private boolean stopping;
    /** Whether the PBX ever accepted a REGISTER, so a binding may exist there. */
    private boolean everBound;
    private ScheduledFuture<?> timer;

    public PbxRegistration(TransactionLayer layer, SipTransport transport, PbxTerminal terminal,
                           PbxRegistrationSettings settings) {
        SipUri aor = SipUri.parse(terminal.aor());
        if (aor == null || SipUri.parse(terminal.contact()) == null) {
            throw new IllegalArgumentException("need sip/sips URIs as address-of-record and contact: " + terminal.aor()
                    + ", " + terminal.contact());
        }
        this.layer = layer;
        this.loop = layer.loop();
        this.transport = transport;
        this.terminal = terminal;
        this.settings = settings;
        this.digest = new DigestClient(terminal.username(), terminal.secret());
        // Section 10.2: the Request-URI names the domain of the registrar, no user part.
        this.registrarUri = (aor.secure() ? "sips:" : "sip:") + aor.host() + (aor.port() >= 0 ? ":" + aor.port() : "");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.callId = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()) + "@cloudgate";
        this.fromTag = Long.toHexString(random.nextLong() & Long.MAX_VALUE);
        this.requestedExpires = settings.expires();
    }

    public PbxTerminal terminal() {
        return terminal;
    }

    public Status status() {
        return status;
    }

    /** Starts registering now; a registration starts once and ends for good with {@link #stop()}. */
    public void start() {
        loop.execute(() -> {
            if (status.state() == State.IDLE) {
                register();
            }
        });
    }

    /**
     * Stops refreshing and unregisters (Expires: 0) if a binding may exist at the PBX: one was
     * granted before, even if a later refresh failed, or an attempt is in flight.
     *
     * @return completes once the PBX answered the removal, or at once when there was nothing to
     *         remove; the outcome is in {@link #status()}
     */
    public CompletableFuture<Void> stop() {
        loop.execute(() -> {
            if (stopping) {
                return;
            }
            stopping = true;
            cancelTimer();
            if (everBound || status.state() == State.REGISTERING) {
                requestedExpires = 0;
                newAttempt(State.UNREGISTERING);
            } else {
                finishStop(status.lastStatus(), status.lastReason());
            }
        });
        return stopped;
    }

    private void register() {
        newAttempt(State.REGISTERING);
    }

    private void newAttempt(State state) {
        attempt++;
        challengesAnswered = 0;
        boolean refresh = state == State.REGISTERING && status.state() == State.REGISTERED;
        if (!refresh) {
            status = new Status(state, status.lastStatus(), status.lastReason(), status.grantedSeconds());
        }
        send(null, null);
    }

    private void send(HeaderName credentialsHeader, String credentials) {
        SipRequest request = request(credentialsHeader, credentials);
        long thisAttempt = attempt;
        layer.send(request, terminal.pbx(), transport, (transaction, response) -> {
            if (thisAttempt == attempt) {
                onResponse(response);
            }
        });
    }

    private void onResponse(SipResponse response) {
        int code = response.status();
        if (code < 200) {
            return;
        }
        if (code < 300) {
            succeeded(response);
            return;
        }
        DigestChallengeKind kind = DigestChallengeKind.ofStatus(code);
        if (kind != null && mayAnswer(response, kind)) {
            String credentials = digest.answer(response.headers(kind.challengeHeader()), "REGISTER", registrarUri);
            if (credentials != null) {
                challengesAnswered++;
                send(kind.credentialsHeader(), credentials);
                return;
            }
        }
        if (code == 423 && raiseToMinExpires(response)) {
            send(null, null);
            return;
        }
        failed(code, response.reasonPhrase());
    }

    /** One answer per attempt; a second only when the PBX says the first used a stale nonce. */
    private boolean mayAnswer(SipResponse response, DigestChallengeKind kind) {
        if (challengesAnswered == 0) {
            return true;
        }
        return challengesAnswered == 1 && response.headers(kind.challengeHeader()).stream()
                .anyMatch(challenge -> challenge.toLowerCase(Locale.ROOT).contains("stale=true"));
    }

    /** Section 10.2.8: after 423, ask again with at least Min-Expires. */
    private boolean raiseToMinExpires(SipResponse response) {
        String minExpires = response.header("Min-Expires");
        long min = minExpires == null ? -1 : parseSeconds(minExpires.trim());
        if (requestedExpires == 0 || min <= requestedExpires) {
            return false;
        }
        requestedExpires = min;
        return true;
    }

    private void succeeded(SipResponse response) {
        failures = 0;
        everBound = true;
        if (stopping) {
            finishStop(response.status(), response.reasonPhrase());
            return;
        }
        long granted = grantedExpires(response);
        status = new Status(State.REGISTERED, response.status(), response.reasonPhrase(), granted);
        schedule(Math.max(1, granted / 2) * 1000L, this::register);
    }

    private void failed(int code, String reason) {
        if (stopping) {
            finishStop(code, reason);
            return;
        }
        status = new Status(State.FAILED, code, reason, 0);
        long wait = Math.min(settings.longestRetry().toMillis(),
                settings.firstRetry().toMillis() << Math.min(failures, 20));
        failures++;
        schedule(wait, this::register);
    }

    private void finishStop(int code, String reason) {
        status = new Status(State.STOPPED, code, reason, 0);
        stopped.complete(null);
    }

    /**
     * Section 10.2.4: the expiry of our Contact in the 200, else the Expires header, else what
     * was asked for.
     */
    private long grantedExpires(SipResponse response) {
        for (NameAddress contact : response.contacts()) {
            String expires = contact.param("expires");
            if (terminal.contact().equals(contact.uri()) && expires != null && parseSeconds(expires) > 0) {
                return parseSeconds(expires);
            }
        }
        String header = response.header(HeaderName.EXPIRES);
        long expires = header == null ? -1 : parseSeconds(header.trim());
        return expires > 0 ? expires : requestedExpires;
    }

    private static long parseSeconds(String text) {
        if (text.isEmpty() || text.length() > 10) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 10) < 0) {
                return -1;
            }
        }
        return Long.parseLong(text);
    }

    /** Schedules {@code action} after {@code delayMillis}, less the random jitter of the settings. */
    private void schedule(long delayMillis, Runnable action) {
        cancelTimer();
        long jitter = (long) (delayMillis * settings.jitter() * ThreadLocalRandom.current().nextDouble());
        timer = loop.schedule(action, delayMillis - jitter, TimeUnit.MILLISECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private SipRequest request(HeaderName credentialsHeader, String credentials) {
        // The Via names the host the Contact advertises: the listening address may be a wildcard.
        String sentBy = SipUri.parse(terminal.contact()).host();
        StringBuilder text = new StringBuilder(512)
                .append("REGISTER ").append(registrarUri).append(" SIP/2.0\r\n")
                .append("Via: SIP/2.0/").append(transport.name()).append(' ').append(sentBy)
                .append(':').append(transport.localAddress().getPort()).append(";branch=").append(layer.newBranch()).append(";rport\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <").append(terminal.aor()).append(">;tag=").append(fromTag).append("\r\n")
                .append("To: <").append(terminal.aor()).append(">\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: ").append(++cseq).append(" REGISTER\r\n")
                .append("Contact: <").append(terminal.contact()).append(">\r\n")
                .append("Expires: ").append(requestedExpires).append("\r\n");
        if (credentials != null) {
            text.append(credentialsHeader.canonical()).append(": ").append(credentials).append("\r\n");
        }
        text.append("Content-Length: 0\r\n\r\n");
        return OutgoingRequests.fromText(text);
    }

    @Override
    public String toString() {
        return "PbxRegistration[" + terminal.aor() + " -> " + terminal.pbx() + ", " + status.state() + "]";
    }
}
