/**
 * The SIP trace: every SIP message the gateway sends or receives, and optionally the headers of
 * relayed RTP packets, written to a size-capped, rotating pcap file that Wireshark, tshark and
 * sngrep open. The event loops hand copies to one writer thread and never wait for the disk.
 */
package org.cloudgate.sip.trace;
