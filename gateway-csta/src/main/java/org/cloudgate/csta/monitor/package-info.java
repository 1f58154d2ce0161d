/**
 * Delivery of events to the monitors they belong to, keyed by monitor cross reference.
 */
package org.cloudgate.csta.monitor;
