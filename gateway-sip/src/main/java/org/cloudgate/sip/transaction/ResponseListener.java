package org.cloudgate.sip.transaction;

import org.cloudgate.sip.message.SipResponse;

/**
 * Receives the responses of one client transaction. A timeout (timers B and F) arrives as a
 * locally made 408, a transport failure as a locally made 503 (RFC 3261 section 8.1.3.1), so the
 * user handles every outcome as a response.
 */
@FunctionalInterface
public interface ResponseListener {

    void onResponse(ClientTransaction transaction, SipResponse response);
}
