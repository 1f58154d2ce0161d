package org.cloudgate.core.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.cloudgate.core.api.http.ApiException;
import org.cloudgate.core.api.http.ApiRequest;
import org.cloudgate.core.api.http.ApiResponse;
import org.cloudgate.core.api.http.JsonBody;
import org.cloudgate.core.api.http.Problem;
import org.cloudgate.core.calls.DialPlan;
import org.cloudgate.core.csta.CstaConnection;
import org.cloudgate.core.directory.DirectoryUser;
import org.cloudgate.csta.calls.Call;
import org.cloudgate.csta.calls.DeviceCalls;
import org.cloudgate.csta.control.CallControl;
import org.cloudgate.csta.model.ConnectionId;
import org.cloudgate.csta.model.LocalConnectionState;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * A user's calls and call control through the PBX's CSTA service: make call (ECMA-269 17.2.11),
 * and on one of the user's calls answer (17.2.2), hold (17.2.10), retrieve (17.2.16), deflect
 * (17.2.8), clear (the user's connection, 17.2.5) and transfer. Transfer is single-step
 * (17.2.19): the user's call goes to {@code to} at once, without a consultation call first.
 * The calls are those the user's device monitor reports; a call id the device does not have is 404.
 */
final class CallOperations {

    private final ApiContext context;

    CallOperations(ApiContext context) {
        this.context = context;
    }

    CompletableFuture<ApiResponse> list(ApiRequest request) {
        DirectoryUser user = context.onboardedUser(request.parameter("id"));
        return UserOperations.done(ApiResponse.ok(new ApiViews.CallList(
                UserOperations.calls(device(context.link(), user)))));
    }

    CompletableFuture<ApiResponse> get(ApiRequest request) {
        DirectoryUser user = context.onboardedUser(request.parameter("id"));
        Call call = call(context.link(), user, request.parameter("callId"));
        return UserOperations.done(ApiResponse.ok(ApiViews.CallView.of(call)));
    }

    CompletableFuture<ApiResponse> make(ApiRequest request) {
        DirectoryUser user = context.onboardedUser(request.parameter("id"));
        JsonBody body = request.json();
        String to = body.string("to", DialPlan::dialable, UserOperations.NUMBER_RULE);
        body.done(Set.of("to"));
        CstaConnection csta = context.link();
        return csta.control().makeCall(user.extension(), context.toPbx(to)).thenApply(connection -> {
            String callId = connection.callId();
            ApiViews.CallView view = new ApiViews.CallView(callId, ApiViews.state(LocalConnectionState.INITIATED),
                    List.of(new ApiViews.PartyView(to, null)));
            return ApiResponse.created("/api/v1/users/" + segment(user.extension()) + "/calls/" + segment(callId), view);
        });
    }

    CompletableFuture<ApiResponse> answer(ApiRequest request) {
        return act(request, (control, connection) -> control.answerCall(connection));
    }

    CompletableFuture<ApiResponse> hold(ApiRequest request) {
        return act(request, (control, connection) -> control.holdCall(connection));
    }

    CompletableFuture<ApiResponse> retrieve(ApiRequest request) {
        return act(request, (control, connection) -> control.retrieveCall(connection));
    }

    CompletableFuture<ApiResponse> clear(ApiRequest request) {
        return act(request, (control, connection) -> control.clearConnection(connection));
    }

    CompletableFuture<ApiResponse> deflect(ApiRequest request) {
        context.onboardedUser(request.parameter("id"));
        String to = destination(request);
        return act(request, (control, connection) -> control.deflectCall(connection, to));
    }

    CompletableFuture<ApiResponse> transfer(ApiRequest request) {
        context.onboardedUser(request.parameter("id"));
        String to = destination(request);
        return act(request, (control, connection) -> control.singleStepTransfer(connection, to).thenApply(c -> null));
    }

    private String destination(ApiRequest request) {
        JsonBody body = request.json();
        String to = body.string("to", DialPlan::dialable, UserOperations.NUMBER_RULE);
        body.done(Set.of("to"));
        return context.toPbx(to);
    }

    /** Runs one request on the user's connection in the named call; answers 204 once the PBX accepted it. */
    private CompletableFuture<ApiResponse> act(ApiRequest request,
                                               BiFunction<CallControl, ConnectionId, CompletableFuture<Void>> action) {
        DirectoryUser user = context.onboardedUser(request.parameter("id"));
        CstaConnection csta = context.link();
        Call call = call(csta, user, request.parameter("callId"));
        return action.apply(csta.control(), call.connection()).thenApply(unused -> ApiResponse.noContent());
    }

    private static DeviceCalls device(CstaConnection csta, DirectoryUser user) {
        return csta.calls().device(user.extension());
    }

    private static Call call(CstaConnection csta, DirectoryUser user, String callId) {
        DeviceCalls device = device(csta, user);
        if (device != null) {
            for (Call call : device.calls()) {
                if (call.callId().equals(callId) && call.state() != LocalConnectionState.NULL) {
                    return call;
                }
            }
        }
        throw new ApiException(Problem.of(HttpResponseStatus.NOT_FOUND, "no-such-call",
                "user " + user.extension() + " has no call " + callId));
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
