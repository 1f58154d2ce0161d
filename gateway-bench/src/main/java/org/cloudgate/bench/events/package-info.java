/** Benchmarks of the northbound event stream's journal. */
package org.cloudgate.bench.events;
