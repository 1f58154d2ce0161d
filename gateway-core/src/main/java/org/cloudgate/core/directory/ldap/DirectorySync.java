package org.cloudgate.core.directory.ldap;

import com.unboundid.ldap.sdk.SearchResultEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.cloudgate.core.config.DirectorySettings;
import org.cloudgate.core.config.DirectorySource;
import org.cloudgate.core.config.LdapSettings;
import org.cloudgate.core.directory.UserDirectory;
import org.cloudgate.core.lifecycle.Component;
import org.cloudgate.core.lifecycle.Readiness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the {@link UserDirectory} in step with its source. With {@code source = ldap} it reads
 * the PBX's LDAP directory at start and then every resync interval, on its own thread (never an
 * event loop), and replaces the users with what it read; the directory tells its listeners
 * (registrar, CSTA monitors) what changed. A read that fails (server down, bind refused, no
 * answer in time, nothing usable found) leaves the current users in place: the failure is
 * logged with the server and the cause, counted in {@code cloudgate.directory.sync.failures}
 * by reason, shown on {@code /health/ready}, and the read is tried again at the next interval.
 * A reload applies on the same thread, so a read that was under way cannot undo it.
 */
public final class DirectorySync implements Component {

    static final String NAME = "directory";
    private static final Logger log = LoggerFactory.getLogger(DirectorySync.class);
    /** How many DNs a log line names before it says "and N more". */
    private static final int LOGGED_DNS = 10;

    private final UserDirectory directory;
    private final LdapDirectoryReader reader = new LdapDirectoryReader();
    private final Readiness readiness;
    private final Map<SyncFailure, Counter> failures = new EnumMap<>(SyncFailure.class);
    private final Map<SkipReason, AtomicInteger> skipped = new EnumMap<>(SkipReason.class);
    private final AtomicInteger sharedGsm = new AtomicInteger();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cloudgate-directory");
        t.setDaemon(true);
        return t;
    });
    private volatile DirectorySettings settings;
    /** When the directory was last read successfully, in epoch seconds; 0 before that. */
    private volatile long lastSuccess;
    /** Why the last read failed, or {@code null} after a success. */
    private volatile String lastFailure;
    private volatile boolean tracked;
    /** The periodic read; touched on {@link #thread} only. */
    private ScheduledFuture<?> periodic;
    /** What the last read skipped, to log each change once; touched on {@link #thread} only. */
    private Map<SkipReason, List<String>> lastSkipped = Map.of();
    private Set<String> lastUnmatched = Set.of();
    private List<String> lastSharedGsm = List.of();

    public DirectorySync(DirectorySettings settings, UserDirectory directory, MeterRegistry registry,
                         Readiness readiness) {
        this.settings = settings;
        this.directory = directory;
        this.readiness = readiness;
        for (SyncFailure failure : SyncFailure.values()) {
            failures.put(failure, Counter.builder("cloudgate.directory.sync.failures")
                    .description("Reads of the LDAP directory that failed, by reason; the users stay as they were")
                    .tag("reason", failure.label())
                    .register(registry));
        }
        for (SkipReason reason : SkipReason.values()) {
            AtomicInteger count = new AtomicInteger();
            skipped.put(reason, count);
            Gauge.builder("cloudgate.directory.entries.skipped", count, AtomicInteger::get)
                    .description("Entries of the last LDAP directory read that did not become users, by reason")
                    .tag("reason", reason.label())
                    .register(registry);
        }
        Gauge.builder("cloudgate.directory.gsm.shared", sharedGsm, AtomicInteger::get)
                .description("Users of the last LDAP directory read left without their GSM number (no GSM routing, "
                        + "no call-through dial-in): an entry earlier in DN order has the same number")
                .register(registry);
        Gauge.builder("cloudgate.directory.last.sync.timestamp", this, s -> s.lastSuccess)
                .description("When the LDAP directory was last read successfully (Unix time); 0 before that")
                .baseUnit("seconds")
                .register(registry);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** With the LDAP source: reads the directory once before the listeners start, then periodically. */
    @Override
    public void start() throws InterruptedException {
        if (settings.source() != DirectorySource.LDAP) {
            return;
        }
        track();
        try {
            thread.submit(this::read).get();
        } catch (ExecutionException e) {
            log.error("reading the LDAP directory failed: {}", e.getCause().toString());
        }
        thread.execute(() -> {
            // unless a reload came first and scheduled its own reads, or switched to the file
            DirectorySettings current = settings;
            if (periodic == null && current.source() == DirectorySource.LDAP) {
                schedule(current.ldap().resyncInterval());
            }
        });
    }

    /**
     * Applies reloaded directory settings: the users of the configuration file at once, or a new
     * read of the LDAP directory at once and then every (new) interval. Returns at once; the
     * future completes when the settings are applied.
     */
    public Future<?> apply(DirectorySettings next) {
        settings = next;
        if (next.source() == DirectorySource.LDAP) {
            track();
        }
        return thread.submit(() -> {
            if (settings != next) {
                return;
            }
            if (periodic != null) {
                periodic.cancel(false);
                periodic = null;
            }
            if (next.source() == DirectorySource.CONFIG) {
                directory.apply(next);
            } else {
                read();
                schedule(next.ldap().resyncInterval());
            }
        });
    }

    private void schedule(Duration interval) {
        periodic = thread.scheduleWithFixedDelay(this::read, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void track() {
        if (!tracked) {
            tracked = true;
            readiness.track(NAME, this::check);
        }
    }

    private Readiness.Check check() {
        DirectorySettings current = settings;
        if (current.source() != DirectorySource.LDAP) {
            return new Readiness.Check(NAME, true, directory.users().size() + " users from the configuration file");
        }
        String server = current.ldap().server();
        String failure = lastFailure;
        if (lastSuccess == 0) {
            return new Readiness.Check(NAME, false, "no users yet: " + (failure == null
                    ? "reading " + server : "reading " + server + " failed (" + failure + ")"));
        }
        String detail = directory.users().size() + " users from " + server + ", read at "
                + Instant.ofEpochSecond(lastSuccess);
        return new Readiness.Check(NAME, true, failure == null ? detail
                : detail + "; the last read failed (" + failure + "), the users stay as they were");
    }

    /** One read of the LDAP directory; runs on {@link #thread}. */
    private void read() {
        DirectorySettings used = settings;
        if (used.source() != DirectorySource.LDAP) {
            return;
        }
        LdapSettings ldap = used.ldap();
        LdapUserMapping mapping = new LdapUserMapping(ldap.attributes());
        try {
            List<SearchResultEntry> entries = reader.read(ldap, mapping.requested());
            if (entries.isEmpty()) {
                throw new DirectoryReadException(SyncFailure.NO_ENTRIES, "the search under \"" + ldap.baseDn()
                        + "\" with filter " + ldap.filter() + " found no entry");
            }
            MappedDirectory mapped = mapping.map(entries, used.users());
            reportSkipped(ldap, mapped);
            if (mapped.users().isEmpty()) {
                throw new DirectoryReadException(SyncFailure.UNMAPPED_ENTRIES, entries.size()
                        + " entries found, none with an extension in attribute " + ldap.attributes().extension());
            }
            if (settings != used) {
                return;
            }
            directory.replace(used.licences(), mapped.users());
            boolean first = lastSuccess == 0;
            lastSuccess = Instant.now().getEpochSecond();
            if (first || lastFailure != null) {
                log.info("read {} users from the LDAP directory {}", mapped.users().size(), ldap.server());
            }
            lastFailure = null;
        } catch (DirectoryReadException e) {
            failed(ldap, e.failure(), e.getMessage());
        } catch (RuntimeException e) {
            failed(ldap, SyncFailure.SEARCH, e.toString());
        }
    }

    private void failed(LdapSettings ldap, SyncFailure failure, String cause) {
        failures.get(failure).increment();
        lastFailure = failure.label() + ": " + cause;
        int users = directory.users().size();
        log.warn("reading the LDAP directory {} failed ({}): {}; {}, next try in {} s", ldap.server(), failure.label(),
                cause, users == 0 ? "no users until a read succeeds" : "the " + users + " current users stay",
                ldap.resyncInterval().toSeconds());
    }

    private void reportSkipped(LdapSettings ldap, MappedDirectory mapped) {
        for (SkipReason reason : SkipReason.values()) {
            skipped.get(reason).set(mapped.skipped().getOrDefault(reason, List.of()).size());
        }
        if (!mapped.skipped().equals(lastSkipped)) {
            lastSkipped = mapped.skipped();
            mapped.skipped().forEach((reason, dns) -> log.warn("LDAP directory {}: {} entr{} skipped, {}: {}",
                    ldap.server(), dns.size(), dns.size() == 1 ? "y" : "ies", describe(reason, ldap), names(dns)));
        }
        if (!mapped.unmatchedOverrides().equals(lastUnmatched)) {
            lastUnmatched = mapped.unmatchedOverrides();
            if (!lastUnmatched.isEmpty()) {
                log.warn("cloudgate.directory.users lists extension{} {} that the LDAP directory {} does not have: "
                                + "ignored", lastUnmatched.size() == 1 ? "" : "s", String.join(", ", lastUnmatched),
                        ldap.server());
            }
        }
        sharedGsm.set(mapped.sharedGsm().size());
        if (!mapped.sharedGsm().equals(lastSharedGsm)) {
            lastSharedGsm = mapped.sharedGsm();
            if (!lastSharedGsm.isEmpty()) {
                log.warn("LDAP directory {}: GSM number{} of an entry earlier in DN order, so without GSM routing and "
                        + "call-through: {}", ldap.server(), lastSharedGsm.size() == 1 ? "" : "s",
                        String.join(", ", lastSharedGsm));
            }
        }
    }

    private static String describe(SkipReason reason, LdapSettings ldap) {
        return switch (reason) {
            case MISSING_EXTENSION -> "no " + ldap.attributes().extension() + " attribute (the extension)";
            case INVALID_EXTENSION -> "the " + ldap.attributes().extension() + " attribute is not an extension (digits)";
            case DUPLICATE_EXTENSION -> "the extension is taken by an entry earlier in DN order";
        };
    }

    private static String names(List<String> dns) {
        if (dns.size() <= LOGGED_DNS) {
            return String.join("; ", dns);
        }
        return String.join("; ", dns.subList(0, LOGGED_DNS)) + " and " + (dns.size() - LOGGED_DNS) + " more";
    }

    @Override
    public void stop() {
        thread.shutdownNow();
    }
}
