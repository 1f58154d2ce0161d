package org.cloudgate.core.config;

import java.time.Duration;

/**
 * The event stream of the northbound API ({@code cloudgate.api.events}): how much history the
 * event journal keeps for clients that resume, and how each WebSocket client is served.
 *
 * @param journalSize  how many events the journal keeps at most
 * @param maxAge       how old the oldest event served to a resuming client may be
 * @param maxClients   how many clients may be connected at once
 * @param sendBuffer   octets that may wait unsent toward one client before sending pauses
 * @param pingInterval after this much silence from a client it is pinged; after twice, dropped
 */
public record EventStreamSettings(int journalSize, Duration maxAge, int maxClients, int sendBuffer,
                                  Duration pingInterval) {

    /** The defaults of {@code reference.conf}, for tests and tools that build an event stream alone. */
    public static final EventStreamSettings DEFAULTS =
            new EventStreamSettings(10_000, Duration.ofHours(1), 100, 256 * 1024, Duration.ofSeconds(30));

    static EventStreamSettings read(SettingsReader r) {
        return new EventStreamSettings(
                (int) r.integer("cloudgate.api.events.journal-size", 16, 10_000_000),
                r.duration("cloudgate.api.events.max-age", Duration.ofSeconds(1), Duration.ofDays(30)),
                (int) r.integer("cloudgate.api.events.max-clients", 1, 100_000),
                (int) r.memorySize("cloudgate.api.events.send-buffer", 4 * 1024, 64L * 1024 * 1024),
                r.duration("cloudgate.api.events.ping-interval", Duration.ofSeconds(1), Duration.ofHours(1)));
    }
}
