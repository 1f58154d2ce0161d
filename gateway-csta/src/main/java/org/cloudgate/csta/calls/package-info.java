/**
 * Call state per monitored device, built from the events of its monitor and rebuilt from
 * SnapshotDevice after every (re)start of the monitor, and the presence derived from it.
 */
package org.cloudgate.csta.calls;
