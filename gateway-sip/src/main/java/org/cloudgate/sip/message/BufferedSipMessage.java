package org.cloudgate.sip.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.AbstractReferenceCounted;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.cloudgate.sip.wire.Octets;

/**
 * The one implementation of {@link SipMessage}: the received octets, the head index found by
 * {@link SipHeadParser}, and the rewrites recorded since.
 *
 * <p>Reading after a rewrite first renders the pending rewrites into a fresh buffer and indexes
 * it again; rewriting a header that already has a pending rewrite does the same. The hot path
 * (read, rewrite, write) therefore never pays for it.
 */
public abstract sealed class BufferedSipMessage extends AbstractReferenceCounted implements SipMessage
        permits BufferedSipRequest, BufferedSipResponse {
    private static final int UNLIMITED = Integer.MAX_VALUE / 4;

    private ByteBuf buffer;
    private Octets octets;
    private SipHead head;
    private int bodyEnd;
    private long declaredContentLength;
    private final SipRejection rejection;
    private HeaderEdits edits;
    private CharSequence newRequestUri;
    private ByteBuf newContent;
    /**
     * The headers every layer asks for (transaction key, dialog routing, the B2BUA), parsed once
     * per rendering of the message: cleared by any header edit and when edits are rendered.
     */
    private List<Via> parsedVias;
    private String parsedCallId;
    private NameAddress parsedTo;
    private NameAddress parsedFrom;

    BufferedSipMessage(ByteBuf buffer, Octets octets, SipHead head, int bodyEnd, SipRejection rejection) {
        this.rejection = rejection;
        reset(buffer, octets, head, bodyEnd);
    }

    /**
     * Builds the message held in {@code buffer} (whose index 0 is the first octet of the start
     * line), taking over the caller's reference to it.
     *
     * @param octets    an array view of {@code buffer}
     * @param head      the head parsed from the same octets
     * @param bodyEnd   index just past the body
     * @param rejection why the syntax layer refused it, or {@code null}
     */
    public static BufferedSipMessage create(ByteBuf buffer, Octets octets, SipHead head, int bodyEnd,
                                            SipRejection rejection) {
        return head.request
                ? new BufferedSipRequest(buffer, octets, head, bodyEnd, rejection)
                : new BufferedSipResponse(buffer, octets, head, bodyEnd, rejection);
    }

    private void reset(ByteBuf newBuffer, Octets newOctets, SipHead newHead, int newBodyEnd) {
        this.buffer = newBuffer;
        this.octets = newOctets;
        this.head = newHead;
        this.bodyEnd = newBodyEnd;
        forgetParsedHeaders();
        int header = newHead.headers.next(HeaderName.CONTENT_LENGTH, 0);
        this.declaredContentLength = header < 0 ? -1
                : ValueScanner.parseNumber(newOctets, newHead.headers.valueStart(header), newHead.headers.valueEnd(header));
    }

    final ByteBuf buffer() {
        return buffer;
    }

    final Octets octets() {
        return octets;
    }

    final SipHead head() {
        return head;
    }

    /** The rewrites recorded since the message was indexed, or {@code null} if none. */
    final HeaderEdits edits() {
        return edits;
    }

    final CharSequence newRequestUri() {
        return newRequestUri;
    }

    final long declaredContentLength() {
        return declaredContentLength;
    }

    final long bodyLength() {
        return newContent != null ? newContent.readableBytes() : bodyEnd - head.bodyStart;
    }

    final void writeBody(MessageSink sink) {
        if (newContent != null) {
            sink.buffer(newContent);
        } else {
            sink.original(head.bodyStart, bodyEnd);
        }
    }

    final String text(int start, int end) {
        return start >= end ? "" : octets.toString(start, end - start, StandardCharsets.UTF_8);
    }

    final void setNewRequestUri(CharSequence uri) {
        applyPendingEdits();
        this.newRequestUri = uri;
    }

    /** Renders pending rewrites into a new buffer and re-indexes it, so reads see them. */
    final void applyPendingEdits() {
        if (edits == null && newRequestUri == null && newContent == null) {
            return;
        }
        ByteBuf rendered = Unpooled.buffer(encodedLength());
        writeTo(rendered);
        Octets renderedOctets = Octets.of(rendered, rendered.writerIndex());
        SipHead renderedHead = new SipHeadParser(UNLIMITED, UNLIMITED, UNLIMITED).parse(renderedOctets, renderedOctets.length());
        buffer.release();
        if (newContent != null) {
            newContent.release();
        }
        edits = null;
        newRequestUri = null;
        newContent = null;
        reset(rendered, renderedOctets, renderedHead, rendered.writerIndex());
    }

    @Override
    public BufferedSipMessage duplicate() {
        applyPendingEdits();
        return create(buffer.retain(), octets, head, bodyEnd, rejection);
    }

    @Override
    public SipRejection rejection() {
        return rejection;
    }

    @Override
    public ByteBuf content() {
        applyPendingEdits();
        return buffer.slice(head.bodyStart, bodyEnd - head.bodyStart);
    }

    @Override
    public int headerCount() {
        applyPendingEdits();
        return head.headers.size();
    }

    @Override
    public boolean contains(HeaderName name) {
        applyPendingEdits();
        return head.headers.next(name, 0) >= 0;
    }

    @Override
    public String header(HeaderName name) {
        applyPendingEdits();
        int header = head.headers.next(name, 0);
        return header < 0 ? null : value(header);
    }

    @Override
    public String header(CharSequence name) {
        HeaderName known = HeaderName.lookup(name);
        if (known != null) {
            return header(known);
        }
        applyPendingEdits();
        int header = nextExtension(name, 0);
        return header < 0 ? null : value(header);
    }

    @Override
    public List<String> headers(HeaderName name) {
        applyPendingEdits();
        List<String> values = new ArrayList<>(2);
        for (int i = head.headers.next(name, 0); i >= 0; i = head.headers.next(name, i + 1)) {
            values.add(value(i));
        }
        return values;
    }

    private String value(int header) {
        return text(head.headers.valueStart(header), head.headers.valueEnd(header));
    }

    private int nextExtension(CharSequence name, int from) {
        HeaderIndex index = head.headers;
        for (int i = from; i < index.size(); i++) {
            if (index.name(i) == null && index.nameLength(i) == name.length()
                    && text(index.lineStart(i), index.lineStart(i) + index.nameLength(i)).equalsIgnoreCase(name.toString())) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public List<Via> vias() {
        applyPendingEdits();
        if (parsedVias == null) {
            parsedVias = Collections.unmodifiableList(HeaderValues.vias(this));
        }
        return parsedVias;
    }

    @Override
    public Via topVia() {
        List<Via> vias = vias();
        return vias.isEmpty() ? null : vias.get(0);
    }

    @Override
    public NameAddress from() {
        applyPendingEdits();
        if (parsedFrom == null) {
            parsedFrom = firstAddress(HeaderName.FROM);
        }
        return parsedFrom;
    }

    @Override
    public NameAddress to() {
        applyPendingEdits();
        if (parsedTo == null) {
            parsedTo = firstAddress(HeaderName.TO);
        }
        return parsedTo;
    }

    @Override
    public String callId() {
        applyPendingEdits();
        if (parsedCallId == null) {
            parsedCallId = header(HeaderName.CALL_ID);
        }
        return parsedCallId;
    }

    @Override
    public CSeq cseq() {
        applyPendingEdits();
        return HeaderValues.cseq(this);
    }

    @Override
    public int maxForwards() {
        return (int) number(HeaderName.MAX_FORWARDS);
    }

    @Override
    public long contentLength() {
        return number(HeaderName.CONTENT_LENGTH);
    }

    @Override
    public String contentType() {
        return header(HeaderName.CONTENT_TYPE);
    }

    @Override
    public List<NameAddress> contacts() {
        return addresses(HeaderName.CONTACT);
    }

    @Override
    public List<NameAddress> routes() {
        return addresses(HeaderName.ROUTE);
    }

    @Override
    public List<NameAddress> recordRoutes() {
        return addresses(HeaderName.RECORD_ROUTE);
    }

    @Override
    public List<NameAddress> diversions() {
        return addresses(HeaderName.DIVERSION);
    }

    @Override
    public List<NameAddress> historyInfo() {
        return addresses(HeaderName.HISTORY_INFO);
    }

    @Override
    public List<NameAddress> assertedIdentities() {
        return addresses(HeaderName.P_ASSERTED_IDENTITY);
    }

    @Override
    public List<String> privacy() {
        return tokens(HeaderName.PRIVACY);
    }

    @Override
    public List<String> supported() {
        return tokens(HeaderName.SUPPORTED);
    }

    @Override
    public List<String> require() {
        return tokens(HeaderName.REQUIRE);
    }

    @Override
    public SessionExpires sessionExpires() {
        applyPendingEdits();
        return HeaderValues.sessionExpires(this);
    }

    @Override
    public long minSessionExpires() {
        applyPendingEdits();
        SessionExpires minSe = HeaderValues.numberWithParams(this, HeaderName.MIN_SE);
        return minSe == null ? -1 : minSe.deltaSeconds();
    }

    @Override
    public Replaces replaces() {
        applyPendingEdits();
        return HeaderValues.replaces(this);
    }

    @Override
    public NameAddress referTo() {
        return firstAddress(HeaderName.REFER_TO);
    }

    @Override
    public AuthHeader authorization() {
        return auth(HeaderName.AUTHORIZATION);
    }

    @Override
    public AuthHeader proxyAuthorization() {
        return auth(HeaderName.PROXY_AUTHORIZATION);
    }

    @Override
    public AuthHeader wwwAuthenticate() {
        return auth(HeaderName.WWW_AUTHENTICATE);
    }

    @Override
    public AuthHeader proxyAuthenticate() {
        return auth(HeaderName.PROXY_AUTHENTICATE);
    }

    private AuthHeader auth(HeaderName name) {
        applyPendingEdits();
        return HeaderValues.auth(this, name);
    }

    private List<NameAddress> addresses(HeaderName name) {
        applyPendingEdits();
        return HeaderValues.addresses(this, name, Integer.MAX_VALUE);
    }

    private NameAddress firstAddress(HeaderName name) {
        applyPendingEdits();
        List<NameAddress> first = HeaderValues.addresses(this, name, 1);
        return first.isEmpty() ? null : first.get(0);
    }

    private List<String> tokens(HeaderName name) {
        applyPendingEdits();
        return HeaderValues.tokens(this, name);
    }

    private long number(HeaderName name) {
        applyPendingEdits();
        int header = head.headers.next(name, 0);
        return header < 0 ? -1 : ValueScanner.parseNumber(octets, head.headers.valueStart(header), head.headers.valueEnd(header));
    }

    @Override
    public SipMessage setHeader(HeaderName name, CharSequence value) {
        return set(name, name.canonical(), value);
    }

    @Override
    public SipMessage setHeader(CharSequence name, CharSequence value) {
        return set(HeaderName.lookup(name), name, value);
    }

    @Override
    public SipMessage addHeader(HeaderName name, CharSequence value) {
        return add(name, name.canonical(), value);
    }

    @Override
    public SipMessage addHeader(CharSequence name, CharSequence value) {
        return add(HeaderName.lookup(name), name, value);
    }

    @Override
    public SipMessage removeHeader(HeaderName name) {
        return remove(name, name.canonical());
    }

    @Override
    public SipMessage removeHeader(CharSequence name) {
        return remove(HeaderName.lookup(name), name);
    }

    @Override
    public SipMessage replaceFirstHeader(HeaderName name, CharSequence value) {
        replaceFirst(name, name.canonical(), value);
        return this;
    }

    private SipMessage set(HeaderName known, CharSequence name, CharSequence value) {
        int first = replaceFirst(known, name, value);
        if (first >= 0) {
            removeFollowing(known, name, first);
        }
        return this;
    }

    /** Replaces the first line of a header, or adds the header; returns that line, or -1 when added. */
    private int replaceFirst(HeaderName known, CharSequence name, CharSequence value) {
        int first = prepareEdit(known, name);
        if (first < 0) {
            record(HeaderEdit.insert(head.headers.size(), known, name, ValueSplice.of(value)));
        } else {
            record(HeaderEdit.replace(first, known, name, ValueSplice.of(value)));
        }
        return first;
    }

    private SipMessage add(HeaderName known, CharSequence name, CharSequence value) {
        int first = prepareEdit(known, name);
        int position = first < 0 ? head.headers.size() : first;
        record(HeaderEdit.insert(position, known, name, ValueSplice.of(value)));
        return this;
    }

    private SipMessage remove(HeaderName known, CharSequence name) {
        int first = prepareEdit(known, name);
        if (first >= 0) {
            record(HeaderEdit.remove(first, known, name));
            removeFollowing(known, name, first);
        }
        return this;
    }

    private void removeFollowing(HeaderName known, CharSequence name, int first) {
        for (int i = find(known, name, first + 1); i >= 0; i = find(known, name, i + 1)) {
            record(HeaderEdit.remove(i, known, name));
        }
    }

    @Override
    public SipMessage setUri(HeaderName name, CharSequence uri) {
        return editAddress(name, uri, true);
    }

    @Override
    public SipMessage setDisplayName(HeaderName name, CharSequence displayName) {
        return editAddress(name, DisplayName.quote(displayName), false);
    }

    /** Rewrites one part of the first value of an address header, splicing around it. */
    private SipMessage editAddress(HeaderName name, CharSequence replacement, boolean uri) {
        int header = prepareEdit(name, name.canonical());
        if (header < 0) {
            throw new IllegalArgumentException("no " + name.canonical() + " header to rewrite");
        }
        HeaderIndex index = head.headers;
        ValueSplice splice = uri
                ? AddressSplices.withUri(octets, index.valueStart(header), replacement, index.valueEnd(header))
                : AddressSplices.withDisplayName(this, index.valueStart(header), replacement, index.valueEnd(header));
        if (splice == null) {
            throw new IllegalArgumentException("malformed " + name.canonical() + " header");
        }
        record(HeaderEdit.replace(header, name, name.canonical(), splice));
        return this;
    }

    @Override
    public SipMessage setContent(ByteBuf body) {
        applyPendingEdits();
        this.newContent = body;
        return this;
    }

    /**
     * Applies pending rewrites first if this header already has one (so edits never stack on
     * stale offsets), and refuses Content-Length, which the message keeps itself.
     *
     * @return the first line of the header, or -1
     */
    private int prepareEdit(HeaderName known, CharSequence name) {
        if (known == HeaderName.CONTENT_LENGTH) {
            throw new IllegalArgumentException("Content-Length follows the body; it cannot be set");
        }
        if (edits != null && edits.concern(known, name)) {
            applyPendingEdits();
        }
        return find(known, name, 0);
    }

    private int find(HeaderName known, CharSequence name, int from) {
        return known != null ? head.headers.next(known, from) : nextExtension(name, from);
    }

    private void record(HeaderEdit edit) {
        if (edits == null) {
            edits = new HeaderEdits();
        }
        edits.add(edit);
        forgetParsedHeaders();
    }

    private void forgetParsedHeaders() {
        parsedVias = null;
        parsedCallId = null;
        parsedTo = null;
        parsedFrom = null;
    }

    @Override
    public int encodedLength() {
        MessageSink.Length length = new MessageSink.Length();
        MessageWriter.write(this, length);
        return length.length();
    }

    @Override
    public void writeTo(ByteBuf out) {
        MessageSink.Copy copy = new MessageSink.Copy(octets, out);
        MessageWriter.write(this, copy);
        copy.flush();
    }

    @Override
    public ByteBuf encode(ByteBufAllocator allocator) {
        MessageSink.Composite composite = new MessageSink.Composite(buffer, allocator);
        MessageWriter.write(this, composite);
        return composite.finish();
    }

    @Override
    public BufferedSipMessage touch(Object hint) {
        buffer.touch(hint);
        return this;
    }

    @Override
    protected void deallocate() {
        buffer.release();
        if (newContent != null) {
            newContent.release();
        }
    }

    @Override
    public String toString() {
        return buffer.toString(0, Math.min(buffer.writerIndex(), head.headersStart), StandardCharsets.UTF_8).trim();
    }
}
