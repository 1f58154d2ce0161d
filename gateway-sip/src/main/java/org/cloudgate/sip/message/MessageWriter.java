package org.cloudgate.sip.message;

/**
 * Walks a message in wire order and sends its pieces to a sink: untouched lines as original
 * ranges, rewritten values as splices, and a Content-Length that matches the body
 * (RFC 3261 section 20.14; required on streams, section 18.3).
 *
 * <p>The walk goes from one rewrite to the next ({@link HeaderEdits} keeps them in wire order),
 * so the lines in between reach the sink as one range whatever their number. Content-Length
 * lines are stops of their own: the first is rewritten when the body changed, later ones are
 * dropped.
 */
final class MessageWriter {
    private static final byte[] CRLF = {'\r', '\n'};

    private MessageWriter() {
    }

    static void write(BufferedSipMessage message, MessageSink sink) {
        SipHead head = message.head();
        HeaderIndex index = head.headers;
        CharSequence requestUri = message.newRequestUri();
        if (requestUri != null) {
            sink.original(0, head.uriStart);
            sink.text(requestUri);
            sink.original(head.uriEnd, head.headersStart);
        } else {
            sink.original(0, head.headersStart);
        }
        HeaderEdits edits = message.edits();
        int editCount = edits == null ? 0 : edits.size();
        int nextEdit = 0;
        int firstContentLength = index.next(HeaderName.CONTENT_LENGTH, 0);
        int contentLength = firstContentLength;
        long bodyLength = message.bodyLength();
        int size = index.size();
        int line = 0;
        while (line < size) {
            int editLine = nextEdit < editCount ? edits.get(nextEdit).header() : size;
            int stop = Math.min(editLine, contentLength < 0 ? size : contentLength);
            if (stop > line) {
                sink.original(index.lineStart(line), index.lineEnd(stop - 1));
                line = stop;
                continue;
            }
            while (nextEdit < editCount && edits.get(nextEdit).header() == line
                    && edits.get(nextEdit).kind() == HeaderEdit.Kind.INSERT) {
                writeInsert(edits.get(nextEdit++), sink);
            }
            if (line == contentLength) {
                if (line == firstContentLength) {
                    writeContentLength(message, line, bodyLength, sink);
                }
                contentLength = index.next(HeaderName.CONTENT_LENGTH, line + 1);
            } else if (nextEdit < editCount && edits.get(nextEdit).header() == line) {
                HeaderEdit edit = edits.get(nextEdit++);
                if (edit.kind() == HeaderEdit.Kind.REPLACE) {
                    sink.original(index.lineStart(line), index.valueStart(line));
                    edit.value().writeTo(sink);
                    sink.original(index.valueEnd(line), index.lineEnd(line));
                }
            } else {
                sink.original(index.lineStart(line), index.lineEnd(line));
            }
            line++;
        }
        while (nextEdit < editCount) {
            writeInsert(edits.get(nextEdit++), sink);
        }
        if (firstContentLength < 0) {
            sink.octets(HeaderName.CONTENT_LENGTH.linePrefix());
            sink.number(bodyLength);
            sink.octets(CRLF);
        }
        sink.original(index.headEnd(), head.bodyStart);
        message.writeBody(sink);
    }

    private static void writeContentLength(BufferedSipMessage message, int header, long bodyLength, MessageSink sink) {
        HeaderIndex index = message.head().headers;
        if (message.declaredContentLength() == bodyLength) {
            sink.original(index.lineStart(header), index.lineEnd(header));
            return;
        }
        sink.original(index.lineStart(header), index.valueStart(header));
        sink.number(bodyLength);
        sink.original(index.valueEnd(header), index.lineEnd(header));
    }

    private static void writeInsert(HeaderEdit edit, MessageSink sink) {
        sink.octets(edit.linePrefix());
        edit.value().writeTo(sink);
        sink.octets(CRLF);
    }
}
