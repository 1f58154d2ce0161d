/**
 * The CSTA service of the simulated MiVoice Office 400: a TCP server speaking ECMA-323 XML or
 * ECMA-285 BER, with a small switching function whose extensions can call, answer, hold,
 * retrieve, transfer, deflect and clear, and whose monitors report the ECMA-269 events of it.
 * With a {@link org.cloudgate.testkit.csta.SimulatedSwitch.TerminalLine} (the SIP side's
 * {@link org.cloudgate.testkit.pbx.SipTerminalLine}), MakeCall rings the calling extension's
 * registered terminal first and follows its answer, refusal and BYE.
 */
package org.cloudgate.testkit.csta;
