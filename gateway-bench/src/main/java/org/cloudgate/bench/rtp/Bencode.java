package org.cloudgate.bench.rtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bencoding, the serialisation of rtpengine's "ng" control protocol: byte strings
 * {@code <len>:<bytes>}, integers {@code i<n>e}, lists {@code l...e}, dictionaries
 * {@code d...e} with keys in sorted order. Strings are decoded as UTF-8 text (SDP is).
 */
final class Bencode {

    private final byte[] input;
    private int position;

    private Bencode(byte[] input, int offset) {
        this.input = input;
        this.position = offset;
    }

    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(value, out);
        return out.toByteArray();
    }

    /** Decodes one value starting at {@code offset}. */
    static Object decode(byte[] input, int offset) {
        return new Bencode(input, offset).value();
    }

    private static void write(Object value, ByteArrayOutputStream out) {
        if (value instanceof String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
        } else if (value instanceof Number number) {
            out.writeBytes(("i" + number.longValue() + "e").getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof List<?> list) {
            out.write('l');
            list.forEach(item -> write(item, out));
            out.write('e');
        } else if (value instanceof Map<?, ?> map) {
            out.write('d');
            new TreeMap<>(map).forEach((key, item) -> {
                write(key, out);
                write(item, out);
            });
            out.write('e');
        } else {
            throw new IllegalArgumentException("cannot bencode " + value);
        }
    }

    private Object value() {
        byte kind = input[position];
        if (kind == 'i') {
            int end = indexOf('e');
            long number = Long.parseLong(new String(input, position + 1, end - position - 1, StandardCharsets.US_ASCII));
            position = end + 1;
            return number;
        }
        if (kind == 'l') {
            position++;
            List<Object> list = new ArrayList<>();
            while (input[position] != 'e') {
                list.add(value());
            }
            position++;
            return list;
        }
        if (kind == 'd') {
            position++;
            Map<String, Object> map = new LinkedHashMap<>();
            while (input[position] != 'e') {
                String key = (String) value();
                map.put(key, value());
            }
            position++;
            return map;
        }
        int colon = indexOf(':');
        int length = Integer.parseInt(new String(input, position, colon - position, StandardCharsets.US_ASCII));
        String text = new String(input, colon + 1, length, StandardCharsets.UTF_8);
        position = colon + 1 + length;
        return text;
    }

    private int indexOf(char c) {
        for (int i = position; i < input.length; i++) {
            if (input[i] == c) {
                return i;
            }
        }
        throw new IllegalArgumentException("truncated bencode");
    }
}
