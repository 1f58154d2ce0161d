package org.cloudgate.core.directory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.cloudgate.core.config.DirectorySettings;
import org.cloudgate.core.config.DirectorySource;
import org.cloudgate.core.config.UserSettings;
import org.cloudgate.sip.auth.CredentialStore;
import org.cloudgate.sip.auth.DigestSecret;
import org.cloudgate.sip.registration.Binding;
import org.cloudgate.sip.registration.RegistrationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The softphone users and their onboarding ({@link OnboardingRules}): only licensed users can
 * authenticate. The users are replaced as a whole on reload or LDAP resync; readers on any
 * thread see one consistent snapshot. Which licensed users have a client registered follows
 * the registrar ({@link RegistrationListener}), and decides between "onboarded" and "terminal
 * not registered". Each user's status is logged when it changes, and counted by the
 * {@code cloudgate.users} gauge.
 */
public final class UserDirectory implements CredentialStore, RegistrationListener {

    private static final Logger log = LoggerFactory.getLogger(UserDirectory.class);

    /** One directory content: users by extension in licence order, with licensed ones as ONBOARDED. */
    private record Snapshot(Map<String, DirectoryUser> users, int licences) {
    }

    private volatile Snapshot snapshot = new Snapshot(Map.of(), 0);
    /** Extensions with at least one registered client; written on the registrar's loop. */
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final List<DirectoryListener> listeners = new CopyOnWriteArrayList<>();
    /**
     * The status last logged for each user, so that each change is logged once. Concurrent
     * rather than guarded: the registrar's event loop must not wait for a replace to finish.
     */
    private final Map<String, OnboardingStatus> logged = new ConcurrentHashMap<>();

    /** Onboards the configured users with the configuration source; starts empty with LDAP. */
    public UserDirectory(DirectorySettings settings, MeterRegistry registry) {
        for (OnboardingStatus status : OnboardingStatus.values()) {
            Gauge.builder("cloudgate.users", this, d -> d.count(status))
                    .description("Softphone users by onboarding status")
                    .tag("status", status.label())
                    .register(registry);
        }
        if (settings.source() == DirectorySource.CONFIG) {
            apply(settings);
        }
    }

    public void addListener(DirectoryListener listener) {
        listeners.add(listener);
    }

    /** Onboards the users of the configuration file, replacing the current ones. */
    public void apply(DirectorySettings settings) {
        replace(settings.licences(), settings.users());
    }

    /**
     * Replaces the users with {@code users} (in licence order), onboards them, logs each status
     * that changed and tells the listeners what changed.
     */
    public DirectoryChange replace(int licences, List<UserSettings> users) {
        DirectoryChange change;
        synchronized (this) {
            Snapshot before = snapshot;
            Set<String> licensedBefore = new LinkedHashSet<>();
            for (DirectoryUser user : before.users().values()) {
                if (user.onboarded()) {
                    licensedBefore.add(user.extension());
                }
            }
            Map<String, OnboardingStatus> verdicts = OnboardingRules.verdicts(licences, users, licensedBefore);
            Map<String, DirectoryUser> next = new LinkedHashMap<>();
            for (UserSettings user : users) {
                next.put(user.extension(), new DirectoryUser(user, verdicts.get(user.extension())));
            }
            snapshot = new Snapshot(Collections.unmodifiableMap(next), licences);
            change = difference(before.users(), next);
            logChanges(before.users(), licences, change);
        }
        if (!change.isEmpty()) {
            for (DirectoryListener listener : listeners) {
                listener.directoryChanged(change);
            }
        }
        return change;
    }

    private static DirectoryChange difference(Map<String, DirectoryUser> before, Map<String, DirectoryUser> after) {
        Set<String> added = new LinkedHashSet<>();
        Set<String> changed = new LinkedHashSet<>();
        Set<String> unlicensed = new LinkedHashSet<>();
        for (DirectoryUser user : after.values()) {
            DirectoryUser old = before.get(user.extension());
            if (old == null) {
                added.add(user.extension());
            } else if (!old.equals(user)) {
                changed.add(user.extension());
                if (old.onboarded() && !user.onboarded()) {
                    unlicensed.add(user.extension());
                }
            }
        }
        Set<String> removed = new LinkedHashSet<>();
        for (DirectoryUser old : before.values()) {
            if (!after.containsKey(old.extension())) {
                removed.add(old.extension());
                if (old.onboarded()) {
                    unlicensed.add(old.extension());
                }
            }
        }
        return new DirectoryChange(Set.copyOf(added), Set.copyOf(removed), Set.copyOf(changed), Set.copyOf(unlicensed));
    }

    private void logChanges(Map<String, DirectoryUser> before, int licences, DirectoryChange change) {
        for (String extension : change.removed()) {
            logged.remove(extension);
            log.info("user {} ({}) left the directory", extension, nameOf(before.get(extension).settings()));
        }
        for (DirectoryUser user : snapshot.users().values()) {
            report(user.settings(), status(user));
        }
        if (before.isEmpty() || !change.isEmpty()) {
            int onboarded = count(OnboardingStatus.ONBOARDED) + count(OnboardingStatus.TERMINAL_NOT_REGISTERED);
            int users = snapshot.users().size();
            log.info("directory: {} user{}, {} onboarded, {} of {} licences left", users, users == 1 ? "" : "s",
                    onboarded, licences - onboarded, licences);
        }
    }

    /** Logs {@code user}'s status if it is not the one last logged. */
    private void report(UserSettings user, OnboardingStatus status) {
        if (logged.put(user.extension(), status) == status) {
            return;
        }
        switch (status) {
            case ONBOARDED -> log.info("user {} ({}) is onboarded", user.extension(), nameOf(user));
            case TERMINAL_NOT_REGISTERED -> log.info("user {} ({}) is onboarded, but its terminal is not registered: "
                    + "no softphone client is registered with the gateway", user.extension(), nameOf(user));
            default -> log.warn("user {} ({}) is not onboarded: {}", user.extension(), nameOf(user), status.text());
        }
    }

    private static String nameOf(UserSettings user) {
        return user.name().orElse("no name");
    }

    /** The user's status now: licensed users are onboarded while a client is registered. */
    private OnboardingStatus status(DirectoryUser user) {
        if (user.status() == OnboardingStatus.ONBOARDED && !registered.contains(user.extension())) {
            return OnboardingStatus.TERMINAL_NOT_REGISTERED;
        }
        return user.status();
    }

    private int count(OnboardingStatus status) {
        int count = 0;
        for (DirectoryUser user : snapshot.users().values()) {
            if (status(user) == status) {
                count++;
            }
        }
        return count;
    }

    /** The user with its current status, or {@code null} for an unknown extension. */
    public DirectoryUser user(String extension) {
        DirectoryUser user = snapshot.users().get(extension);
        return user == null ? null : new DirectoryUser(user.settings(), status(user));
    }

    /** Every user with its current status, in licence order. */
    public List<DirectoryUser> users() {
        List<DirectoryUser> users = new ArrayList<>(snapshot.users().size());
        for (DirectoryUser user : snapshot.users().values()) {
            users.add(new DirectoryUser(user.settings(), status(user)));
        }
        return users;
    }

    /** The licences the current users were onboarded against. */
    public int licences() {
        return snapshot.licences();
    }

    /** The digest secret of an onboarded user; nothing for anyone else (RFC 3261 section 22). */
    @Override
    public DigestSecret secret(String username) {
        DirectoryUser user = snapshot.users().get(username);
        return user == null || !user.onboarded() ? null : DigestSecret.password(user.settings().password());
    }

    /** A client of {@code user} registered: the user's terminal counts as registered. */
    @Override
    public void firstBinding(String user, Binding binding) {
        registered.add(user);
        reportCurrent(user);
    }

    /** The last client of {@code user} is gone: a licensed user is back to "terminal not registered". */
    @Override
    public void lastBindingGone(String user) {
        registered.remove(user);
        reportCurrent(user);
    }

    private void reportCurrent(String extension) {
        DirectoryUser user = snapshot.users().get(extension);
        if (user != null) {
            report(user.settings(), status(user));
        }
    }
}
