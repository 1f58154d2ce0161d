/**
 * ECMA-285 BER: a hand-written, allocation-light reader and writer over the frame, ROSE
 * (X.880) and ACSE (X.227) PDUs, and the TLV framing for TCP.
 */
package org.cloudgate.csta.ber;
