package org.cloudgate.sip.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ReferenceCounted;
import java.util.List;

/**
 * A SIP message held in the buffer it arrived in (RFC 3261 section 7).
 *
 * <p>Header values are decoded only when asked for; typed accessors cover the headers the
 * gateway routes on. Rewrites ({@link #setHeader}, {@link #addHeader}, {@link #removeHeader},
 * {@link #setUri}, {@link #setDisplayName}) are recorded, not applied: {@link #writeTo} and
 * {@link #encode} splice the untouched original octets with the new ones and keep
 * Content-Length equal to the body. Reading a header after rewriting it sees the new value.
 *
 * <p>A message the syntax layer refused still exists when its start line could be read, so that
 * an error response can be built from it: {@link #rejection()} says why.
 *
 * <p>Reference-counted: it holds a slice of the received buffer. Not thread-safe; a message
 * belongs to the event loop of its call.
 */
public interface SipMessage extends ReferenceCounted {

    boolean isRequest();

    /** Why the syntax layer refused this message, or {@code null} if it is accepted. */
    SipRejection rejection();

    /** The body (a slice, not a copy; valid while this message is). */
    ByteBuf content();

    /** Number of header lines (folded lines count once). */
    int headerCount();

    boolean contains(HeaderName name);

    /** The first value of a header as written (one header line), or {@code null}. */
    String header(HeaderName name);

    /** The first value of a header, looked up by name (long or compact, any case), or {@code null}. */
    String header(CharSequence name);

    /** Every header line's value for this header, in message order. */
    List<String> headers(HeaderName name);

    /** All Via values, top first, comma-separated ones split (RFC 3261 section 7.3.1). */
    List<Via> vias();

    /** The top Via, or {@code null}. */
    Via topVia();

    NameAddress from();

    NameAddress to();

    String callId();

    CSeq cseq();

    /** Max-Forwards, or -1 when absent (RFC 3261 section 20.22). */
    int maxForwards();

    /** The Content-Length header's value, or -1 when absent. */
    long contentLength();

    String contentType();

    List<NameAddress> contacts();

    List<NameAddress> routes();

    List<NameAddress> recordRoutes();

    /** Diversion entries (RFC 5806), most recent first. */
    List<NameAddress> diversions();

    /** History-Info entries (RFC 7044) in message order. */
    List<NameAddress> historyInfo();

    /** P-Asserted-Identity values (RFC 3325). */
    List<NameAddress> assertedIdentities();

    /** Privacy values (RFC 3323), e.g. {@code id}, {@code none}. */
    List<String> privacy();

    /** Option tags in Supported (RFC 3261 section 20.37). */
    List<String> supported();

    /** Option tags in Require (RFC 3261 section 20.32). */
    List<String> require();

    /** Session-Expires (RFC 4028), or {@code null}. */
    SessionExpires sessionExpires();

    /** Min-SE in seconds (RFC 4028), or -1 when absent. */
    long minSessionExpires();

    /** Replaces (RFC 3891), or {@code null}. */
    Replaces replaces();

    /** Refer-To (RFC 3515), or {@code null}. */
    NameAddress referTo();

    AuthHeader authorization();

    AuthHeader proxyAuthorization();

    AuthHeader wwwAuthenticate();

    AuthHeader proxyAuthenticate();

    /** Replaces every line of a header with one line carrying {@code value}, or adds it. */
    SipMessage setHeader(HeaderName name, CharSequence value);

    /**
     * Replaces the first line of a header and keeps the others, e.g. to annotate the top Via
     * line of a request that came through proxies; adds the header when there is none.
     */
    SipMessage replaceFirstHeader(HeaderName name, CharSequence value);

    /** As {@link #setHeader(HeaderName, CharSequence)} for an extension header. */
    SipMessage setHeader(CharSequence name, CharSequence value);

    /**
     * Adds a header line above the existing ones of the same name (the position RFC 3261 gives
     * a new Via or Record-Route, and RFC 5806 a new Diversion), or at the end of the head.
     */
    SipMessage addHeader(HeaderName name, CharSequence value);

    SipMessage addHeader(CharSequence name, CharSequence value);

    /** Removes every line of a header. */
    SipMessage removeHeader(HeaderName name);

    SipMessage removeHeader(CharSequence name);

    /** Replaces the URI of the first value of an address header, keeping display name and parameters. */
    SipMessage setUri(HeaderName name, CharSequence uri);

    /** Replaces the display name of the first value of an address header (quoted as needed). */
    SipMessage setDisplayName(HeaderName name, CharSequence displayName);

    /**
     * An independent message over the same received octets: the buffer is shared (and retained),
     * rewrites of one do not show in the other. A B2BUA builds the message of its other leg this
     * way and rewrites it, without copying what it leaves untouched.
     */
    SipMessage duplicate();

    /** Replaces the body; Content-Length follows. The message takes ownership of {@code body}. */
    SipMessage setContent(ByteBuf body);

    /** The number of octets {@link #writeTo} writes. */
    int encodedLength();

    /** Writes the message, rewrites applied, into {@code out} with one copy. */
    void writeTo(ByteBuf out);

    /**
     * Returns the message, rewrites applied, as a composite of retained slices of the original
     * buffer and the new octets: no copy of the untouched parts.
     */
    ByteBuf encode(ByteBufAllocator allocator);
}
