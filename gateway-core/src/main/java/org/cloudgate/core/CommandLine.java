package org.cloudgate.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the {@code cloudgate} command was asked to do. Parsing never exits or prints; {@link Main}
 * decides what to do with a {@link Usage} mistake.
 */
sealed interface CommandLine {

    String USAGE = """
            Usage: cloudgate --config FILE         run the gateway with this configuration file
                   cloudgate demo [--config FILE]  run the gateway in front of a simulated PBX, on loopback
                   cloudgate --check-config FILE   report every problem in FILE; exit 0 if none, 78 otherwise
                   cloudgate sip-check [--oracle FILE.tsv] FILE...
                                                   classify raw SIP messages as the gateway's parser does
                   cloudgate csta-decode [--encoding xml|ber] FILE...
                                                   decode captured CSTA messages, one JSON line per file
                   cloudgate token-hash            read an API token on standard input, print the hash
                                                   to put into cloudgate.api.tokens
                   cloudgate --version             print the version
                   cloudgate --help                print this help
            """;

    /** Run the daemon. */
    record Run(Path config) implements CommandLine {
    }

    /** Validate a file and exit. */
    record CheckConfig(Path config) implements CommandLine {
    }

    record PrintVersion() implements CommandLine {
    }

    record Help() implements CommandLine {
    }

    /** A tool that reads its input and exits: {@code sip-check}, {@code csta-decode} or {@code token-hash}. */
    record Tool(String name, List<String> args) implements CommandLine {
    }

    /** The arguments were wrong; {@code problem} says how. */
    record Usage(String problem) implements CommandLine {
    }

    /**
     * Run the demo: the gateway in front of a simulated PBX, with the built-in demo configuration
     * and {@code overrides} read on top of it.
     */
    record Demo(Optional<Path> overrides) implements CommandLine {
    }

    private static CommandLine demo(List<String> args) {
        if (args.size() == 1) {
            return new Demo(Optional.empty());
        }
        if (args.size() == 3 && ("--config".equals(args.get(1)) || "-c".equals(args.get(1)))
                && !args.get(2).isBlank()) {
            return new Demo(Optional.of(Path.of(args.get(2))));
        }
        return new Usage("demo takes only --config FILE");
    }

    static CommandLine parse(List<String> args) {
        if (args.isEmpty()) {
            return new Usage("no command given");
        }
        String option = args.get(0);
        return switch (option) {
            case "--config", "-c" -> withFile(args, Run::new);
            case "--check-config" -> withFile(args, CheckConfig::new);
            case "--version", "-V" -> args.size() == 1 ? new PrintVersion() : new Usage("--version takes no argument");
            case "--help", "-h" -> new Help();
            case "demo" -> demo(args);
            case "sip-check", "csta-decode", "token-hash" -> new Tool(option, args.subList(1, args.size()));
            default -> new Usage("unknown option " + option);
        };
    }

    private static CommandLine withFile(List<String> args, java.util.function.Function<Path, CommandLine> command) {
        if (args.size() < 2 || args.get(1).isBlank()) {
            return new Usage(args.get(0) + " needs a FILE");
        }
        if (args.size() > 2) {
            return new Usage("unexpected argument " + args.get(2));
        }
        return command.apply(Path.of(args.get(1)));
    }
}
