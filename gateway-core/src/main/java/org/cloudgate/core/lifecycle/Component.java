package org.cloudgate.core.lifecycle;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A part of the daemon with a start and a stop: a listener, a client link, a relay. The
 * {@link Daemon} starts components in order and stops them in reverse.
 */
public interface Component {

    /** Short name for logs and health checks, e.g. "admin-http". */
    String name();

    /**
     * Binds and connects what the component needs. A listener that cannot bind throws
     * {@link ListenerBindException}.
     */
    void start() throws Exception;

    /** What this component listens on, e.g. "http://127.0.0.1:9090"; empty for clients. */
    default List<String> listening() {
        return List.of();
    }

    /**
     * Stops taking new work and completes when the work in progress is done. The daemon waits for
     * it at most the configured drain time.
     */
    default CompletableFuture<Void> drain() {
        return CompletableFuture.completedFuture(null);
    }

    /** Releases everything; called once, after draining, whether or not the drain finished. */
    void stop();
}
