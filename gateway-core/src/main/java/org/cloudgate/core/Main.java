package org.cloudgate.core;

import org.cloudgate.core.config.ConfigProblem;
import org.cloudgate.csta.decode.CstaDecode;
import org.cloudgate.sip.check.SipCheck;
import org.cloudgate.core.config.GatewaySettings;
import org.cloudgate.core.config.InvalidSettingsException;
import org.cloudgate.core.config.SettingsLoader;
import org.cloudgate.core.lifecycle.Daemon;
import org.cloudgate.core.lifecycle.ListenerBindException;
import org.cloudgate.core.lifecycle.SettingsReloader;
import org.cloudgate.core.lifecycle.Signals;
import org.cloudgate.core.logging.LoggingSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code cloudgate} command: runs the daemon, checks a configuration file, runs one of the
 * file tools ({@code sip-check}, {@code csta-decode}), or prints the version. Exit codes follow
 * {@link ExitCode}.
 */
public final class Main {

    private final PrintStream out;
    private final PrintStream err;
    private final SettingsLoader loader = new SettingsLoader();

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Main(System.out, System.err).run(List.of(args)));
    }

    int run(List<String> args) {
        CommandLine command = CommandLine.parse(args);
        if (command instanceof CommandLine.Run run) {
            return runDaemon(run.config());
        } else if (command instanceof CommandLine.CheckConfig check) {
            return checkConfig(check.config());
        } else if (command instanceof CommandLine.PrintVersion) {
            out.println("cloudgate " + Version.current());
            return ExitCode.OK;
        } else if (command instanceof CommandLine.Tool tool) {
            return "sip-check".equals(tool.name()) ? new SipCheck().run(tool.args(), out, err)
                    : new CstaDecode().run(tool.args(), out, err);
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
