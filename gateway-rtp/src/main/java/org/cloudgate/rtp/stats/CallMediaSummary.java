package org.cloudgate.rtp.stats;

/**
 * The call-end media record of one relayed call: logged at INFO when the session closes, fed to
 * the Prometheus histograms, and handed to the session's owner (for its call detail record).
 *
 * @param callReference the owner's name for the call (logs only)
 * @param area          bandwidth control area of the call
 * @param durationMs    from session open to close
 * @param pbx           what the PBX leg received from the PBX
 * @param cloud         what the cloud leg received from the cloud side
 */
public record CallMediaSummary(String callReference, String area, long durationMs, LegSummary pbx,
                               LegSummary cloud) {
}
