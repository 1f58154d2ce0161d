/**
 * JMH benchmarks and a CPU-time harness for the CSTA codecs: decode and dispatch of a realistic
 * event mix.
 */
package org.cloudgate.bench.csta;
