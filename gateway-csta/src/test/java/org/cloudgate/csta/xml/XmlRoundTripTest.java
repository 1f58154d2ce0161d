package org.cloudgate.csta.xml;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cloudgate.csta.CodecRoundTripContract;
import org.cloudgate.csta.CstaSamples;
import org.cloudgate.csta.codec.CstaCodec;
import org.cloudgate.csta.model.CstaMessage;

class XmlRoundTripTest extends CodecRoundTripContract {

    private static final XmlCstaCodec CODEC = new XmlCstaCodec();

    @Override
    protected CstaCodec codec() {
        return CODEC;
    }

    @Override
    protected String namespace() {
        return XmlNamespaces.ED5;
    }

    @Override
    protected Map<String, CstaMessage> samples() {
        Map<String, CstaMessage> all = new LinkedHashMap<>(CstaSamples.services());
        all.putAll(CstaSamples.events());
        return all;
    }
}
