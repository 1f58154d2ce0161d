package org.cloudgate.core.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The configuration file of {@code cloudgate demo}: the built-in demo settings, and the operator's
 * file included after them so that its values win (HOCON {@code include file(...)}).
 */
public final class DemoConfiguration {

    private static final String RESOURCE = "/org/cloudgate/core/demo/demo.conf";

    private DemoConfiguration() {
    }

    /** Writes the demo configuration into a temporary file, removed when the JVM exits. */
    public static Path write(Optional<Path> overrides) throws IOException {
        String text;
        try (InputStream in = DemoConfiguration.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the demo configuration " + RESOURCE + " is missing from the jar");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (overrides.isPresent()) {
            Path file = overrides.get().toAbsolutePath();
            if (!Files.isReadable(file)) {
                throw new IOException("cannot read " + file);
            }
            text += "\ninclude file(\"" + file.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\")\n";
        }
        Path demo = Files.createTempFile("cloudgate-demo-", ".conf");
        demo.toFile().deleteOnExit();
        return Files.writeString(demo, text);
    }
}
