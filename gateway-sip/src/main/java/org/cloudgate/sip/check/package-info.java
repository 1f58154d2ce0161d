/** The {@code sip-check} command: runs raw message files through the syntax layer. */
package org.cloudgate.sip.check;
