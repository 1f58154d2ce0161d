package org.cloudgate.core.logging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Logging follows a {@code logback.xml} next to the configuration file when there is one, so an
 * operator keeps both in one directory (e.g. {@code /etc/cloudgate}). Without it the built-in
 * configuration logs to the console, which is what a foreground run and journald want.
 *
 * <p>The file is handed to logback before its first use, so logback configures itself once; a
 * broken file makes logback print what is wrong and fall back to its console default.
 */
public final class LoggingSetup {

    public static final String FILE_NAME = "logback.xml";
    private static final String LOGBACK_FILE_PROPERTY = "logback.configurationFile";

    private LoggingSetup() {
    }

    /**
     * Must run before the first logger is created.
     *
     * @return the logback file that will be used, or empty when the built-in configuration stays
     */
    public static Optional<Path> configureBeside(Path configFile) {
        Path directory = configFile.toAbsolutePath().getParent();
        Path logback = directory == null ? null : directory.resolve(FILE_NAME);
        if (logback == null || !Files.isRegularFile(logback)) {
            return Optional.empty();
        }
        System.setProperty(LOGBACK_FILE_PROPERTY, logback.toString());
        return Optional.of(logback);
    }
}
