/**
 * Packet captures for integration tests: tshark on the loopback interface, and reading its
 * files back, so that a test can check what a protocol analyser makes of the gateway's traffic.
 */
package org.cloudgate.testkit.capture;
