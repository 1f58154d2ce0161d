package org.cloudgate.core.events;

import java.util.List;

/**
 * What {@link EventJournal#since} found after an id.
 *
 * @param events   the events that follow, in id order, without holes
 * @param gap      {@code null} when {@code events} follow the id asked for directly; otherwise why
 *                 they do not, and the events start at {@code resumeAt}
 * @param resumeAt the id of the first event a reader gets after a gap (the journal's oldest);
 *                 the id after the asked one when there is no gap
 */
public record JournalRead(List<StreamEvent> events, GapReason gap, long resumeAt) {

    public JournalRead {
        events = List.copyOf(events);
    }
}
