package org.cloudgate.core.lifecycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.cloudgate.core.config.ConfigProblem;
import org.cloudgate.core.config.GatewaySettings;
import org.cloudgate.core.config.InvalidSettingsException;
import org.cloudgate.core.config.SettingsLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Re-reads the configuration file on SIGHUP, on its own thread so the event loops never wait
 * for disk or validation. An invalid file changes nothing: each problem is logged and the
 * {@code cloudgate.config.reloads{result="failure"}} counter goes up. A valid file is compared
 * key by key with what is running; live keys take effect, the others are logged as needing a
 * restart. Requests that arrive while a reload runs are coalesced into one more reload.
 */
public final class SettingsReloader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SettingsReloader.class);

    private final SettingsLoader loader;
    private final Daemon daemon;
    private final Counter succeeded;
    private final Counter failed;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cloudgate-reload");
        t.setDaemon(true);
        return t;
    });

    public SettingsReloader(SettingsLoader loader, Daemon daemon, MeterRegistry registry) {
        this.loader = loader;
        this.daemon = daemon;
        this.succeeded = reloads(registry, "success");
        this.failed = reloads(registry, "failure");
    }

    private static Counter reloads(MeterRegistry registry, String result) {
        return Counter.builder("cloudgate.config.reloads")
                .description("Configuration reloads (SIGHUP) by result; a failure leaves the running settings in force")
                .tag("result", result)
                .register(registry);
    }

    /** Schedules a reload; returns at once. */
    public void requestReload() {
        if (pending.compareAndSet(false, true)) {
            thread.execute(this::reload);
        }
    }

    private void reload() {
        pending.set(false);
        GatewaySettings running = daemon.settings();
        log.info("reloading {}", running.source().file());
        GatewaySettings loaded;
        try {
            loaded = loader.load(running.source().file());
        } catch (InvalidSettingsException e) {
            failed.increment();
            log.error("reload rejected, the running settings stay in force; {} in {}:", e.getMessage(),
                    running.source().file());
            for (ConfigProblem problem : e.problems()) {
                log.error("  {}", problem);
            }
            return;
        } catch (RuntimeException e) {
            failed.increment();
            log.error("reload failed, the running settings stay in force: {}", e.toString());
            return;
        }
        report(running, loaded);
        daemon.apply(loaded);
        succeeded.increment();
    }

    private void report(GatewaySettings running, GatewaySettings loaded) {
        Map<String, String> before = running.source().values();
        Map<String, String> after = loaded.source().values();
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        int changed = 0;
        for (String key : keys) {
            if (Objects.equals(before.get(key), after.get(key))) {
                continue;
            }
            changed++;
            if (LiveSettings.isLive(key)) {
                log.info("  {} changed ({}): applied", key, loaded.source().locate(key));
            } else {
                log.warn("  {} changed ({}): needs a restart to take effect", key, loaded.source().locate(key));
            }
        }
        log.info("reload done: {} changed key{}", changed, changed == 1 ? "" : "s");
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
