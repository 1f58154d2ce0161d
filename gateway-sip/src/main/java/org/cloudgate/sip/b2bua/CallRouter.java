package org.cloudgate.sip.b2bua;

import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.transport.SipTransport;

import java.net.InetSocketAddress;

/**
 * Decides where a new call goes: the gateway's routing and number rules. Called on the call's
 * event loop for every INVITE that starts a dialog; it must not block.
 */
@FunctionalInterface
public interface CallRouter {

    CallPlan route(SipRequest invite, InetSocketAddress source, SipTransport transport);
}
