package org.cloudgate.csta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The test vector files under {@code src/test/resources/vectors}. */
public final class Vectors {

    private Vectors() {
    }

    /** The folder of one kind of vectors, e.g. {@code ber} or {@code xml-hostile}. */
    public static Path folder(String name) {
        URL url = Vectors.class.getResource("/vectors/" + name);
        if (url == null) {
            throw new IllegalStateException("no vectors folder " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every file in the folder, sorted by name. */
    public static List<Path> files(String name) {
        try (Stream<Path> files = Files.list(folder(name))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file name without its extension. */
    public static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
