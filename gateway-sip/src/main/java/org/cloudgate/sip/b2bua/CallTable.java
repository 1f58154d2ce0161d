package org.cloudgate.sip.b2bua;

import org.cloudgate.sip.transaction.ServerTransaction;
import org.cloudgate.sip.transaction.TransactionLayer;
import org.cloudgate.sip.transport.LoopStack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls of one event loop: their dialogs by the gateway's tag, and the calls still ringing by
 * the caller's INVITE transaction, for CANCEL. Touched on the loop only.
 */
final class CallTable {

    final B2bua b2bua;
    final LoopStack stack;
    final TransactionLayer layer;
    private final Map<String, Dialog> dialogs = new HashMap<>();
    private final Map<ServerTransaction, Call> ringing = new IdentityHashMap<>();
    private final Map<Call, Boolean> calls = new IdentityHashMap<>();

    CallTable(B2bua b2bua, LoopStack stack) {
        this.b2bua = b2bua;
        this.stack = stack;
        this.layer = stack.layer();
    }

    void add(Call call) {
        calls.put(call, Boolean.TRUE);
        ringing.put(call.invite, call);
        dialogs.put(call.caller.localTag, call.caller);
    }

    void answered(Call call) {
        ringing.remove(call.invite);
        dialogs.put(call.callee.localTag, call.callee);
        b2bua.replacement.add(call.caller);
        b2bua.replacement.add(call.callee);
    }

    void remove(Call call) {
        calls.remove(call);
        ringing.remove(call.invite, call);
        dialogs.remove(call.caller.localTag, call.caller);
        b2bua.replacement.remove(call.caller);
        if (call.callee != null) {
            dialogs.remove(call.callee.localTag, call.callee);
            b2bua.replacement.remove(call.callee);
        }
    }

    /** The dialog the gateway tagged {@code localTag}, if it has this Call-ID. */
    Dialog dialog(String localTag, String callId) {
        Dialog dialog = localTag == null ? null : dialogs.get(localTag);
        return dialog != null && dialog.callId.equals(callId) ? dialog : null;
    }

    Call ringing(ServerTransaction invite) {
        return ringing.get(invite);
    }

    List<Call> calls() {
        return new ArrayList<>(calls.keySet());
    }

    int size() {
        return calls.size();
    }
}
