/**
 * The CSTA client connection to the PBX: session, keep-alive, requests with timeouts,
 * reconnects with backoff, monitors kept across reconnects, and the metrics of the link.
 */
package org.cloudgate.csta.link;
