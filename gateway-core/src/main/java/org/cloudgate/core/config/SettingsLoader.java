package org.cloudgate.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the operator's file layered over every module's {@code reference.conf}, reads it into
 * {@link GatewaySettings} and reports every problem at once.
 *
 * <p>System properties are deliberately not merged in: the file is the one place an operator
 * configures the daemon.
 */
public final class SettingsLoader {

    private final Config reference;

    public SettingsLoader() {
        this(SettingsLoader.class.getClassLoader());
    }

    public SettingsLoader(ClassLoader classLoader) {
        this.reference = ConfigFactory.parseResources(classLoader, "reference.conf",
                ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
    }

    /**
     * @throws InvalidSettingsException listing every problem, in file order
     */
    public GatewaySettings load(Path file) throws InvalidSettingsException {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw single(name, Files.exists(file) ? "not a regular file" : "no such file");
        }
        if (!Files.isReadable(file)) {
            throw single(name, "not readable by this user");
        }
        Config operator;
        Config merged;
        try {
            operator = ConfigFactory.parseFile(file.toFile(),
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
            merged = operator.withFallback(reference).resolve(ConfigResolveOptions.defaults());
        } catch (ConfigException e) {
            throw new InvalidSettingsException(List.of(ConfigProblem.at(e.origin(), "", plain(e))));
        }

        SettingsReader reader = new SettingsReader(merged, operator.root());
        GatewaySettings settings = GatewaySettings.read(reader, new SettingsSource(file, merged));

        List<ConfigProblem> problems = new ArrayList<>(reader.problems());
        problems.addAll(new UnknownKeys(reference.root(), reader.readKeys()).find(operator.root()));
        if (!problems.isEmpty()) {
            problems.sort(ConfigProblem.IN_FILE_ORDER);
            throw new InvalidSettingsException(problems);
        }
        return settings;
    }

    /** Typesafe prefixes its messages with the origin, which {@link ConfigProblem} prints itself. */
    private static String plain(ConfigException e) {
        String message = e.getMessage();
        if (e.origin() != null) {
            String prefix = e.origin().description() + ": ";
            if (message.startsWith(prefix)) {
                return message.substring(prefix.length());
            }
        }
        return message;
    }

    private static InvalidSettingsException single(String file, String message) {
        return new InvalidSettingsException(List.of(new ConfigProblem(file, 0, "", message)));
    }
}
