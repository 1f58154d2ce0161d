package org.cloudgate.sip.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The RFC 4475 torture messages and their oracle, read from the test classpath. */
public final class Rfc4475Vectors {
    private static final String DIRECTORY = "/rfc4475/";

    /** One oracle row. */
    public record Vector(String file, String section, boolean accept, String title) {
        public byte[] octets() {
            return resource(DIRECTORY + file);
        }
    }

    private Rfc4475Vectors() {
    }

    public static List<Vector> all() {
        String index = new String(resource(DIRECTORY + "INDEX.tsv"), StandardCharsets.UTF_8);
        List<Vector> vectors = new ArrayList<>();
        for (String line : index.split("\n")) {
            String[] cells = line.split("\t");
            if (cells.length >= 4 && !cells[0].equals("file")) {
                vectors.add(new Vector(cells[0], cells[1], cells[2].equals("accept"), cells[3].trim()));
            }
        }
        return vectors;
    }

    /** The directory holding the vectors on the test classpath. */
    public static Path directory() {
        try {
            URL url = Rfc4475Vectors.class.getResource(DIRECTORY + "INDEX.tsv");
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] resource(String name) {
        try (InputStream in = Rfc4475Vectors.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
