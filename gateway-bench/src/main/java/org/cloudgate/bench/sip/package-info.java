/** JMH benchmarks of the SIP hot path against JAIN-SIP RI and pkts-sip. */
package org.cloudgate.bench.sip;
