/**
 * What both wire encodings share: the {@link org.cloudgate.csta.codec.CstaCodec} contract, the
 * Netty frame decoder base, the message decoder and encoder, and the decode failure that takes
 * the place of an exception in the pipeline.
 */
package org.cloudgate.csta.codec;
