package org.cloudgate.csta.ber;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cloudgate.csta.CodecRoundTripContract;
import org.cloudgate.csta.CstaSamples;
import org.cloudgate.csta.codec.CstaCodec;
import org.cloudgate.csta.model.CstaMessage;

class BerRoundTripTest extends CodecRoundTripContract {

    private static final BerCstaCodec CODEC = new BerCstaCodec();

    @Override
    protected CstaCodec codec() {
        return CODEC;
    }

    @Override
    protected String namespace() {
        return null;
    }

    @Override
    protected Map<String, CstaMessage> samples() {
        Map<String, CstaMessage> all = new LinkedHashMap<>(CstaSamples.services());
        all.putAll(CstaSamples.events());
        all.putAll(CstaSamples.berOnly());
        return all;
    }
}
