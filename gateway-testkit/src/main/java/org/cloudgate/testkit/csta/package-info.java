/**
 * The CSTA service of the simulated MiVoice Office 400: a TCP server speaking ECMA-323 XML or
 * ECMA-285 BER, with a small switching function whose extensions can call, answer, hold,
 * retrieve, transfer, deflect and clear, and whose monitors report the ECMA-269 events of it.
 */
package org.cloudgate.testkit.csta;
