package org.cloudgate.core;

import org.cloudgate.core.api.security.TokenHashCommand;
import org.cloudgate.core.config.ConfigProblem;
import org.cloudgate.csta.decode.CstaDecode;
import org.cloudgate.sip.check.SipCheck;
import org.cloudgate.core.config.GatewaySettings;
import org.cloudgate.core.config.InvalidSettingsException;
import org.cloudgate.core.config.SettingsLoader;
import org.cloudgate.core.demo.DemoConfiguration;
import org.cloudgate.core.demo.DemoPbx;
import org.cloudgate.core.lifecycle.Daemon;
import org.cloudgate.core.lifecycle.ListenerBindException;
import org.cloudgate.core.lifecycle.SettingsReloader;
import org.cloudgate.core.lifecycle.Signals;
import org.cloudgate.core.logging.LoggingSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.io.IOException;
import org.cloudgate.sip.transport.SipListenerException;

/**
 * The {@code cloudgate} command: runs the daemon, checks a configuration file, runs one of the
 * file tools ({@code sip-check}, {@code csta-decode}), or prints the version. Exit codes follow
 * {@link ExitCode}.
 */
public final class Main {

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final SettingsLoader loader = new SettingsLoader();

    Main(PrintStream out, PrintStream err) {
        this(System.in, out, err);
    }

    Main(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Main(System.in, System.out, System.err).run(List.of(args)));
    }

    int run(List<String> args) {
        CommandLine command = CommandLine.parse(args);
        if (command instanceof CommandLine.Run run) {
            return runDaemon(run.config());
        } else if (command instanceof CommandLine.Demo demo) {
            return runDemo(demo.overrides());
        } else if (command instanceof CommandLine.CheckConfig check) {
            return checkConfig(check.config());
        } else if (command instanceof CommandLine.PrintVersion) {
            out.println("cloudgate " + Version.current());
            return ExitCode.OK;
        } else if (command instanceof CommandLine.Tool tool) {
            return switch (tool.name()) {
                case "sip-check" -> new SipCheck().run(tool.args(), out, err);
                case "token-hash" -> new TokenHashCommand().run(tool.args(), in, out, err);
                default -> new CstaDecode().run(tool.args(), out, err);
            };
        } else if (command instanceof CommandLine.Help) {
            out.print(CommandLine.USAGE);
            return ExitCode.OK;
        }
        err.println("cloudgate: " + ((CommandLine.Usage) command).problem());
        err.print(CommandLine.USAGE);
        return ExitCode.USAGE;
    }

    private int checkConfig(Path file) {
        try {
            loader.load(file);
            out.println(file + ": OK");
            return ExitCode.OK;
        } catch (InvalidSettingsException e) {
            printProblems(file, e);
            return ExitCode.CONFIG;
        }
    }

    private void printProblems(Path file, InvalidSettingsException e) {
        for (ConfigProblem problem : e.problems()) {
            err.println(problem);
        }
        err.println(file + ": " + e.getMessage());
    }

    private int runDaemon(Path file) {
        GatewaySettings settings;
        try {
            settings = loader.load(file);
        } catch (InvalidSettingsException e) {
            printProblems(file, e);
            return ExitCode.CONFIG;
        }
        return serve(file, settings, () -> { });
    }

    /**
     * {@code cloudgate demo}: the built-in demo configuration, with {@code overrides} read on top,
     * and the simulated PBX started where it says the PBX is.
     */
    private int runDemo(Optional<Path> overrides) {
        Path file;
        GatewaySettings settings;
        try {
            file = DemoConfiguration.write(overrides);
            settings = loader.load(file);
        } catch (IOException e) {
            err.println("cloudgate demo: cannot write the demo configuration: " + e.getMessage());
            return ExitCode.SOFTWARE;
        } catch (InvalidSettingsException e) {
            printProblems(overrides.orElse(Path.of("demo.conf")), e);
            return ExitCode.CONFIG;
        }
        DemoPbx pbx;
        try {
            pbx = DemoPbx.start(settings);
        } catch (SipListenerException e) {
            err.println("cloudgate demo: the simulated PBX cannot listen on " + settings.pbx().host() + ':'
                    + settings.pbx().port() + " (cloudgate.pbx.port): " + e.getMessage()
                    + "; move it with `cloudgate demo --config FILE`, FILE setting cloudgate.pbx.port");
            return ExitCode.UNAVAILABLE;
        } catch (DemoPbx.CstaListenerException e) {
            err.println("cloudgate demo: " + e.getMessage()
                    + "; move it with `cloudgate demo --config FILE`, FILE setting cloudgate.csta.port");
            return ExitCode.UNAVAILABLE;
        }
        try {
            return serve(file, settings, () -> out.print(DemoPbx.guide(settings)));
        } finally {
            pbx.close();
        }
    }

    private int serve(Path file, GatewaySettings settings, Runnable started) {
        String logging = LoggingSetup.configureBeside(file).map(Path::toString).orElse("built-in console logging");
        Logger log = LoggerFactory.getLogger(Main.class);
        log.info("cloudgate {} starting with {} ({})", Version.current(), file.toAbsolutePath(), logging);

        Daemon daemon = new Daemon(settings, Version.current());
        try {
            daemon.start();
        } catch (ListenerBindException e) {
            log.error(e.getMessage());
            return ExitCode.UNAVAILABLE;
        } catch (Exception e) {
            log.error("cannot start", e);
            return ExitCode.SOFTWARE;
        }
        started.run();
        SettingsReloader reloader = new SettingsReloader(loader, daemon, daemon.metrics().registry());
        Signals.onHangup(reloader::requestReload);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            reloader.close();
            daemon.shutdown();
        }, "cloudgate-shutdown"));
        daemon.awaitStopped();
        return ExitCode.OK;
    }
}
