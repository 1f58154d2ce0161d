package org.cloudgate.sip.transaction;

import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;

/**
 * An event loop whose clock stands still until the test moves it (an {@link EmbeddedChannel}'s,
 * time frozen): what is armed on {@link #loop()} (the timer wheel, linger sweeps, scheduled
 * tasks) runs only in {@link #advance(long)}, so timer tests need no sleeping and cannot flake.
 */
public final class FrozenLoop implements AutoCloseable {

    private final EmbeddedChannel channel = new EmbeddedChannel();

    public FrozenLoop() {
        channel.freezeTime();
    }

    public EventLoop loop() {
        return channel.eventLoop();
    }

    /** The loop's clock, in nanoseconds. */
    public long nanoTime() {
        return channel.eventLoop().ticker().nanoTime();
    }

    /** Moves the clock {@code millis} forward, then runs the queued tasks and those now due. */
    public void advance(long millis) {
        advanceNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** The same, by {@code nanos}. */
    public void advanceNanos(long nanos) {
        channel.advanceTimeBy(nanos, TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
        channel.runScheduledPendingTasks();
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}
