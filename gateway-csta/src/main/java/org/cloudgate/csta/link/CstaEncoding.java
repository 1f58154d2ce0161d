package org.cloudgate.csta.link;

import org.cloudgate.csta.ber.BerCstaCodec;
import org.cloudgate.csta.ber.BerFrameDecoder;
import org.cloudgate.csta.codec.CstaCodec;
import org.cloudgate.csta.codec.CstaFrameDecoder;
import org.cloudgate.csta.xml.XmlCstaCodec;
import org.cloudgate.csta.xml.XmlFrameDecoder;

/** The two CSTA encodings a link can speak, chosen in the configuration. */
public enum CstaEncoding {
    /** ECMA-323 XML with the Annex J.2 framing; what the MiVoice Office 400 speaks. */
    XML {
        @Override
        public CstaCodec codec() {
            return new XmlCstaCodec();
        }

        @Override
        public CstaFrameDecoder frameDecoder(int maxFrameLength) {
            return new XmlFrameDecoder(maxFrameLength);
        }
    },
    /** ECMA-285 BER, ROSE over TCP, session opened with ACSE. */
    BER {
        @Override
        public CstaCodec codec() {
            return new BerCstaCodec();
        }

        @Override
        public CstaFrameDecoder frameDecoder(int maxFrameLength) {
            return new BerFrameDecoder(maxFrameLength);
        }
    };

    /** A new codec for this encoding. */
    public abstract CstaCodec codec();

    /** The stream framing of this encoding, refusing frames longer than {@code maxFrameLength}. */
    public abstract CstaFrameDecoder frameDecoder(int maxFrameLength);
}
