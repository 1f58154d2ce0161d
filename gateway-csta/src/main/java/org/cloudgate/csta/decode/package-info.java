/**
 * The {@code cloudgate csta-decode} command: decodes captured CSTA messages to JSON lines.
 */
package org.cloudgate.csta.decode;
