/**
 * The media of calls: what each call's session descriptions become between its two legs
 * (unchanged, filtered to the bandwidth area's codecs, or rewritten to the RTP relay for
 * "indirect switching"), and the relay itself as a component of the daemon.
 */
package org.cloudgate.core.media;
