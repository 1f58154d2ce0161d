package org.cloudgate.csta.xml;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cloudgate.csta.codec.CstaDecodeException;

/**
 * Reads an ECMA-323 document into {@link XmlElement}s: a strict, non-validating XML 1.0 parser
 * for the part of XML that CSTA documents use, working on the frame's bytes.
 *
 * <p>What it takes (XML 1.0 fifth edition): an optional byte order mark and XML declaration
 * (encoding UTF-8 or US-ASCII), comments and processing instructions, elements with attributes,
 * namespace declarations and prefixes (Namespaces in XML 1.0: every prefix must be declared),
 * character data with the five predefined entity references and character references, and
 * CDATA sections. What it refuses: a document type declaration (so no DTD, no external and no
 * other entities: nothing to expand), undefined entity references, mismatched or unclosed
 * elements, a second root, malformed UTF-8, control characters, and documents nested deeper or
 * with more elements than the limits. Every refusal is a {@link CstaDecodeException} with the
 * byte offset in the document.
 *
 * <p>It replaced a general StAX parser because setting up a parser per document cost more than
 * parsing the 600-byte event documents themselves. Element names repeat in every document, so
 * they are kept in a small table instead of being decoded each time; the table is safe to share
 * between threads (a race costs a miss, never a wrong name).
 */
final class XmlDocumentReader {

    private static final int NAME_TABLE_SIZE = 1024;
    private static final byte NAME_START = 1;
    private static final byte NAME_PART = 2;
    /**
     * XML 1.0 2.3 for ASCII: letters and '_' start a name, digits, '-' and '.' continue it; the
     * bytes of non-ASCII UTF-8 characters are taken as name characters.
     */
    private static final byte[] NAME = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_' || b >= 0x80) {
                NAME[b] = NAME_START;
            } else if ((b >= '0' && b <= '9') || b == '-' || b == '.') {
                NAME[b] = NAME_PART;
            }
        }
    }

    private final int maxDepth;
    private final int maxElements;
    private final CachedName[] names = new CachedName[NAME_TABLE_SIZE];

    XmlDocumentReader(int maxDepth, int maxElements) {
        this.maxDepth = maxDepth;
        this.maxElements = maxElements;
    }

    /** The parsed root element and its namespace. */
    record Document(XmlElement root, String namespace) {
    }

    private record CachedName(byte[] bytes, String name) {
    }

    /** Parses the readable bytes of the buffer, which is left unchanged. */
    Document read(ByteBuf document) {
        byte[] bytes;
        int start;
        if (document.hasArray()) {
            bytes = document.array();
            start = document.arrayOffset() + document.readerIndex();
        } else {
            bytes = ByteBufUtil.getBytes(document);
            start = 0;
        }
        return new Parse(bytes, start, start + document.readableBytes()).document();
    }

    /** The state of one parse. */
    private final class Parse {
        private final byte[] in;
        private final int begin;
        private final int end;
        private int pos;
        private final List<String[]> namespaces = new ArrayList<>(4);
        private final List<Integer> namespaceDepths = new ArrayList<>(4);
        private final StringBuilder text = new StringBuilder();
        /** The hash {@link #name()} computed of the local part of the last name it scanned. */
        private int nameHash;

        Parse(byte[] in, int begin, int end) {
            this.in = in;
            this.begin = begin;
            this.end = end;
            this.pos = begin;
        }

        Document document() {
            if (end - pos >= 3 && (in[pos] & 0xFF) == 0xEF && (in[pos + 1] & 0xFF) == 0xBB
                    && (in[pos + 2] & 0xFF) == 0xBF) {
                pos += 3;
            }
            if (startsWith("<?xml") && end - pos > 5 && isSpace(in[pos + 5])) {
                declaration();
            }
            misc();
            if (pos >= end) {
                throw fail("no root element");
            }
            if (startsWith("<!DOCTYPE")) {
                throw fail("DTD is not allowed");
            }
            if (in[pos] != '<') {
                throw fail("text before the root element");
            }
            String[] rootNamespace = new String[1];
            XmlElement root = element(rootNamespace);
            misc();
            if (pos < end) {
                throw fail(startsWith("<!DOCTYPE") ? "DTD is not allowed" : "content after the root element");
            }
            return new Document(root, rootNamespace[0]);
        }

        /** The XML declaration (XML 1.0 2.8): only the encoding is checked. */
        private void declaration() {
            int close = indexOf("?>", pos);
            int at = pos;
            pos = indexOf("encoding", pos, close);
            if (pos >= 0) {
                pos += 8;
                skipSpace();
                expect('=');
                skipSpace();
                byte quote = pos < close ? in[pos] : 0;
                if (quote != '"' && quote != '\'') {
                    throw fail("malformed XML declaration");
                }
                int from = ++pos;
                while (pos < close && in[pos] != quote) {
                    pos++;
                }
                if (!asciiEqualsIgnoreCase(from, pos, "UTF-8") && !asciiEqualsIgnoreCase(from, pos, "US-ASCII")) {
                    throw fail("unsupported encoding " + ascii(from, pos));
                }
            }
            pos = Math.max(at, close + 2);
        }

        /** Whitespace, comments and processing instructions outside the root (XML 1.0 2.5, 2.6). */
        private void misc() {
            while (pos < end) {
                if (isSpace(in[pos])) {
                    pos++;
                } else if (startsWith("<!--")) {
                    comment();
                } else if (startsWith("<?")) {
                    instruction();
                } else {
                    return;
                }
            }
        }

        private void comment() {
            pos = indexOf("-->", pos + 4) + 3;
        }

        private void instruction() {
            int close = indexOf("?>", pos + 2);
            if (close - pos >= 5 && (in[pos + 2] | 0x20) == 'x' && (in[pos + 3] | 0x20) == 'm'
                    && (in[pos + 4] | 0x20) == 'l' && (close == pos + 5 || isSpace(in[pos + 5]))) {
                throw fail("XML declaration not at the start");
            }
            pos = close + 2;
        }

        /** One element and everything in it, iteratively so that depth costs no stack (XML 1.0 3). */
        private XmlElement element(String[] rootNamespace) {
            XmlElement root = null;
            XmlElement current = null;
            int[] openStart = new int[maxDepth + 1];
            int[] openEnd = new int[maxDepth + 1];
            int depth = 0;
            int elements = 0;
            while (true) {
                // at '<' of a start tag
                pos++;
                int nameStart = pos;
                int colon = name();
                int nameEnd = pos;
                if (++depth > maxDepth) {
                    throw fail("nested deeper than " + maxDepth + " elements");
                }
                if (++elements > maxElements) {
                    throw fail("more than " + maxElements + " elements");
                }
                boolean empty = attributes(depth);
                String prefix = colon < 0 ? null : ascii(nameStart, colon);
                String namespace = resolve(prefix, nameStart);
                XmlElement element = new XmlElement(name(colon < 0 ? nameStart : colon + 1, nameEnd, nameHash),
                        current);
                if (current == null) {
                    root = element;
                    rootNamespace[0] = namespace;
                } else {
                    current.add(element);
                }
                if (empty) {
                    closeScope(depth);
                    depth--;
                    if (current == null) {
                        return root;
                    }
                } else {
                    openStart[depth] = nameStart;
                    openEnd[depth] = nameEnd;
                    current = element;
                }
                // content until the next start tag, or end tags closing elements
                while (true) {
                    content(current);
                    if (startsWith("</")) {
                        pos += 2;
                        closeTag(openStart[depth], openEnd[depth]);
                        skipSpace();
                        expect('>');
                        current.trimText();
                        closeScope(depth);
                        depth--;
                        current = current.parent();
                        if (current == null) {
                            return root;
                        }
                    } else if (startsWith("<!--")) {
                        comment();
                    } else if (startsWith("<![CDATA[")) {
                        int close = indexOf("]]>", pos + 9);
                        current.appendText(decode(pos + 9, close));
                        pos = close + 3;
                    } else if (startsWith("<?")) {
                        instruction();
                    } else if (startsWith("<!")) {
                        throw fail(startsWith("<!DOCTYPE") ? "DTD is not allowed" : "markup declaration in content");
                    } else {
                        break;
                    }
                }
            }
        }

        /** Character data up to the next '<' (XML 1.0 2.4, 4.1 references). */
        private void content(XmlElement current) {
            int from = pos;
            boolean plain = true;
            while (pos < end && in[pos] != '<') {
                byte b = in[pos];
                if (b == '&') {
                    plain = false;
                } else if (b < 0) {
                    plain = false;
                } else if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                    throw fail("control character in content");
                }
                pos++;
            }
            if (pos >= end) {
                throw fail("document ends inside an element");
            }
            if (from == pos) {
                return;
            }
            boolean blank = true;
            for (int i = from; i < pos; i++) {
                if (!isSpace(in[i])) {
                    blank = false;
                    break;
                }
            }
            if (!blank) {
                current.appendText(plain ? ascii(from, pos) : unescape(from, pos));
            }
        }

        /** Attributes up to '>' or '/>'; returns whether the element is empty (XML 1.0 3.1). */
        private boolean attributes(int depth) {
            List<String> seen = null;
            while (true) {
                boolean spaced = skipSpace();
                if (pos >= end) {
                    throw fail("document ends inside a tag");
                }
                if (in[pos] == '>') {
                    pos++;
                    return false;
                }
                if (in[pos] == '/') {
                    pos++;
                    expect('>');
                    return true;
                }
                if (!spaced) {
                    throw fail("attributes must be separated by whitespace");
                }
                int nameStart = pos;
                int colon = name();
                String attribute = ascii(nameStart, pos);
                skipSpace();
                expect('=');
                skipSpace();
                if (pos >= end || (in[pos] != '"' && in[pos] != '\'')) {
                    throw fail("attribute value must be quoted");
                }
                byte quote = in[pos++];
                int valueStart = pos;
                while (pos < end && in[pos] != quote) {
                    if (in[pos] == '<') {
                        throw fail("'<' in an attribute value");
                    }
                    pos++;
                }
                if (pos >= end) {
                    throw fail("document ends inside an attribute value");
                }
                boolean namespaceDeclaration = attribute.equals("xmlns") || attribute.startsWith("xmlns:");
                String value = namespaceDeclaration && indexOf("&", valueStart, pos) < 0
                        ? name(valueStart, pos, hash(valueStart, pos)) : unescape(valueStart, pos);
                pos++;
                if (seen == null) {
                    seen = new ArrayList<>(2);
                } else if (seen.contains(attribute)) {
                    throw fail("duplicate attribute " + attribute);
                }
                seen.add(attribute);
                if (!namespaceDeclaration) {
                    if (colon >= 0 && !attribute.startsWith("xml:")) {
                        resolve(ascii(nameStart, colon), nameStart);
                    }
                } else if (attribute.equals("xmlns")) {
                    declare("", value, depth);
                } else if (attribute.startsWith("xmlns:")) {
                    if (value.isEmpty()) {
                        throw fail("namespace prefix bound to an empty name");
                    }
                    declare(attribute.substring(6), value, depth);
                }
            }
        }

        private void declare(String prefix, String uri, int depth) {
            namespaces.add(new String[] {prefix, uri});
            namespaceDepths.add(depth);
        }

        private void closeScope(int depth) {
            for (int i = namespaceDepths.size() - 1; i >= 0 && namespaceDepths.get(i) == depth; i--) {
                namespaces.remove(i);
                namespaceDepths.remove(i);
            }
        }

        /** The namespace of a prefix in scope ({@code null}: the default), or a failure if undeclared. */
        private String resolve(String prefix, int at) {
            String key = prefix == null ? "" : prefix;
            for (int i = namespaces.size() - 1; i >= 0; i--) {
                if (namespaces.get(i)[0].equals(key)) {
                    return namespaces.get(i)[1];
                }
            }
            if (prefix != null) {
                pos = at;
                throw fail("undeclared namespace prefix " + prefix);
            }
            return null;
        }

        /** The name of an end tag, which must repeat the start tag's (XML 1.0 3, element type match). */
        private void closeTag(int openFrom, int openTo) {
            int length = openTo - openFrom;
            int at = pos;
            boolean same = end - pos > length;
            for (int i = 0; same && i < length; i++) {
                same = in[pos + i] == in[openFrom + i];
            }
            if (same && NAME[in[pos + length] & 0xFF] == 0 && in[pos + length] != ':') {
                pos += length;
                return;
            }
            name();
            String found = ascii(at, pos);
            pos = at;
            throw fail("end tag </" + found + "> does not match <" + ascii(openFrom, openTo) + ">");
        }

        /**
         * Scans a name (XML 1.0 2.3) and leaves its hash in {@link #nameHash}; returns the offset
         * of its first colon, or -1.
         */
        private int name() {
            int start = pos;
            int colon = -1;
            int hash = 0;
            if (pos < end && NAME[in[pos] & 0xFF] == NAME_START) {
                hash = in[pos];
                pos++;
                while (pos < end) {
                    byte kind = NAME[in[pos] & 0xFF];
                    if (kind != 0) {
                        hash = 31 * hash + in[pos];
                        pos++;
                    } else if (in[pos] == ':' && colon < 0) {
                        colon = pos++;
                        hash = 0;
                    } else {
                        break;
                    }
                }
            }
            nameHash = hash;
            if (pos == start || colon == pos - 1) {
                throw fail(pos >= end ? "document ends inside a tag" : "malformed name");
            }
            return colon;
        }

        private int hash(int from, int to) {
            int hash = 0;
            for (int i = from; i < to; i++) {
                hash = 31 * hash + in[i];
            }
            return hash;
        }

        /** A local name or namespace name, from the shared table when it was seen before. */
        private String name(int from, int to, int hash) {
            int slot = (hash ^ (hash >>> 16)) & (NAME_TABLE_SIZE - 1);
            CachedName cached = names[slot];
            if (cached != null && Arrays.equals(cached.bytes(), 0, cached.bytes().length, in, from, to)) {
                return cached.name();
            }
            String name = decode(from, to);
            names[slot] = new CachedName(Arrays.copyOfRange(in, from, to), name);
            return name;
        }

        /** Text with entity and character references replaced (XML 1.0 4.1, 4.6). */
        private String unescape(int from, int to) {
            text.setLength(0);
            int run = from;
            for (int i = from; i < to; i++) {
                if (in[i] != '&') {
                    continue;
                }
                text.append(decode(run, i));
                int semicolon = i + 1;
                while (semicolon < to && in[semicolon] != ';') {
                    semicolon++;
                }
                if (semicolon >= to) {
                    pos = i;
                    throw fail("unterminated reference");
                }
                String reference = ascii(i + 1, semicolon);
                switch (reference) {
                    case "lt" -> text.append('<');
                    case "gt" -> text.append('>');
                    case "amp" -> text.append('&');
                    case "quot" -> text.append('"');
                    case "apos" -> text.append('\'');
                    default -> text.appendCodePoint(characterReference(reference, i));
                }
                i = semicolon;
                run = semicolon + 1;
            }
            text.append(decode(run, to));
            return text.toString();
        }

        private int characterReference(String reference, int at) {
            int codePoint = -1;
            try {
                if (reference.startsWith("#x")) {
                    codePoint = Integer.parseInt(reference.substring(2), 16);
                } else if (reference.startsWith("#")) {
                    codePoint = Integer.parseInt(reference.substring(1));
                }
            } catch (NumberFormatException e) {
                codePoint = -1;
            }
            boolean legal = codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD
                    || (codePoint >= 0x20 && codePoint <= 0xD7FF) || (codePoint >= 0xE000 && codePoint <= 0xFFFD)
                    || (codePoint >= 0x10000 && codePoint <= 0x10FFFF);
            if (!legal) {
                pos = at;
                throw fail(reference.startsWith("#") ? "illegal character reference"
                        : "entity reference is not allowed: &" + reference + ";");
            }
            return codePoint;
        }

        /** Bytes as text: ASCII copied, anything else decoded as strict UTF-8. */
        private String decode(int from, int to) {
            for (int i = from; i < to; i++) {
                if (in[i] < 0) {
                    try {
                        return StandardCharsets.UTF_8.newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)
                                .decode(ByteBuffer.wrap(in, from, to - from)).toString();
                    } catch (CharacterCodingException e) {
                        pos = i;
                        throw fail("malformed UTF-8");
                    }
                }
            }
            return ascii(from, to);
        }

        private String ascii(int from, int to) {
            return new String(in, from, to - from, StandardCharsets.ISO_8859_1);
        }

        private boolean skipSpace() {
            int from = pos;
            while (pos < end && isSpace(in[pos])) {
                pos++;
            }
            return pos > from;
        }

        private void expect(char c) {
            if (pos >= end || in[pos] != c) {
                throw fail(pos >= end ? "document ends inside a tag" : "expected '" + c + "'");
            }
            pos++;
        }

        private boolean startsWith(String s) {
            if (end - pos < s.length()) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                if (in[pos + i] != s.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private boolean asciiEqualsIgnoreCase(int from, int to, String expected) {
            if (to - from != expected.length()) {
                return false;
            }
            for (int i = 0; i < expected.length(); i++) {
                if (Character.toUpperCase((char) in[from + i]) != expected.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** Where {@code s} starts between {@code from} and {@code to}, or -1. */
        private int indexOf(String s, int from, int to) {
            for (int i = from; i <= to - s.length(); i++) {
                if (startsWith(s, i)) {
                    return i;
                }
            }
            return -1;
        }

        private boolean startsWith(String s, int at) {
            for (int j = 0; j < s.length(); j++) {
                if (in[at + j] != s.charAt(j)) {
                    return false;
                }
            }
            return true;
        }

        private int indexOf(String s, int from) {
            for (int i = from; i <= end - s.length(); i++) {
                boolean match = true;
                for (int j = 0; j < s.length(); j++) {
                    if (in[i + j] != s.charAt(j)) {
                        match = false;
                        break;
                    }
                }
                if (match) {
                    return i;
                }
            }
            pos = from;
            throw fail("document ends before '" + s + "'");
        }

        private CstaDecodeException fail(String message) {
            return new CstaDecodeException(message, pos - begin);
        }
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
