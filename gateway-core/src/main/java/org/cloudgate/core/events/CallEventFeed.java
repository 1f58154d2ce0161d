package org.cloudgate.core.events;

import java.util.Objects;
import org.cloudgate.csta.calls.Call;
import org.cloudgate.csta.calls.CallStateListener;
import org.cloudgate.csta.calls.Presence;
import org.cloudgate.csta.model.EventCause;

/**
 * Puts each call and presence change of the monitored users (from
 * {@link org.cloudgate.csta.calls.CallStates}) into the event journal, in the order the CSTA link
 * reports them. Runs on the link's event loop; appending does not block.
 */
public final class CallEventFeed implements CallStateListener {

    private final EventJournal journal;

    public CallEventFeed(EventJournal journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    @Override
    public void callChanged(String device, Call call, EventCause cause) {
        String other = call.parties().isEmpty() ? null : call.parties().get(0).device();
        journal.append(new CallChanged(device, call.callId(), call.state(), other, cause));
    }

    @Override
    public void presenceChanged(String device, Presence previous, Presence current) {
        journal.append(new PresenceChanged(device, previous, current));
    }
}
