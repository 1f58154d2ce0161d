/**
 * The northbound event stream: every presence and call change of a monitored user becomes a
 * {@link org.cloudgate.core.events.StreamEvent} with an increasing id in the bounded
 * {@link org.cloudgate.core.events.EventJournal}, fed by {@link org.cloudgate.core.events.CallEventFeed}
 * from the CSTA call state (and by {@link org.cloudgate.core.events.OnboardingFeed} with the
 * users' onboarding changes), and is sent as JSON over WebSocket (RFC 6455) by the
 * {@link org.cloudgate.core.events.EventStreamEndpoint} to each client, which may resume after
 * the last id it saw. The format and the resume rules are in {@code docs/event-stream.md}.
 */
package org.cloudgate.core.events;
