package org.cloudgate.core.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.cloudgate.core.api.http.ApiException;
import org.cloudgate.core.api.http.ApiRequest;
import org.cloudgate.core.api.http.ApiResponse;
import org.cloudgate.core.api.http.JsonBody;
import org.cloudgate.core.api.http.Problem;
import org.cloudgate.core.calls.DialPlan;
import org.cloudgate.core.directory.DirectoryUser;
import org.cloudgate.csta.calls.Call;
import org.cloudgate.csta.calls.DeviceCalls;
import org.cloudgate.csta.model.ForwardingType;
import org.cloudgate.csta.model.LocalConnectionState;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The user resources: the directory with each user's onboarding, presence and calls, and the
 * user's features: do-not-disturb and forwarding on the PBX (ECMA-269 21.1.5, 21.1.6, 21.1.14,
 * 21.1.15), GSM routing in the gateway, and call-through announcements.
 */
final class UserOperations {

    static final String NUMBER_RULE = "must be a number to dial: digits, '*', '#', an optional leading '+', at most 32";

    private final ApiContext context;

    UserOperations(ApiContext context) {
        this.context = context;
    }

    CompletableFuture<ApiResponse> list(ApiRequest request) {
        List<ApiViews.UserView> users = new ArrayList<>();
        for (DirectoryUser user : context.directory().users()) {
            users.add(view(user));
        }
        users.sort((a, b) -> a.id().compareTo(b.id()));
        return done(ApiResponse.ok(new ApiViews.UserList(users)));
    }

    CompletableFuture<ApiResponse> get(ApiRequest request) {
        return done(ApiResponse.ok(view(context.user(request.parameter("id")))));
    }

    private ApiViews.UserView view(DirectoryUser user) {
        String presence = null;
        List<ApiViews.CallView> calls = null;
        if (context.csta() != null) {
            presence = context.csta().calls().presence(user.extension()).label().replace('_', '-');
            calls = calls(context.csta().calls().device(user.extension()));
        }
        return new ApiViews.UserView(user.extension(), user.settings().name().orElse(null),
                user.settings().email().orElse(null), ApiViews.Onboarding.of(user), gsm(user), presence, calls);
    }

    static List<ApiViews.CallView> calls(DeviceCalls device) {
        List<ApiViews.CallView> calls = new ArrayList<>();
        if (device != null) {
            for (Call call : device.calls()) {
                if (call.state() != LocalConnectionState.NULL) {
                    calls.add(ApiViews.CallView.of(call));
                }
            }
        }
        return calls;
    }

    // ---- do-not-disturb and forwarding, kept by the PBX ----------------------------------------

    CompletableFuture<ApiResponse> getDoNotDisturb(ApiRequest request) {
        DirectoryUser user = context.onboardedUser(request.parameter("id"));
        return context.link().control().getDoNotDisturb(user.extension())
                .thenApply(on -> ApiResponse.ok(new ApiViews.DoNotDisturb(on)));
    }

    CompletableFuture<ApiResponse> putDoNotDisturb(ApiRequest request) {
        DirectoryUser user = context.onboardedUser(request.parameter("id"));
        JsonBody body = request.json();
        boolean on = body.bool("enabled");
        body.done(Set.of("enabled"));
        return context.link().control().setDoNotDisturb(user.extension(), on)
                .thenApply(unused -> ApiResponse.ok(new ApiViews.DoNotDisturb(on)));
    }

    CompletableFuture<ApiResponse> getForwarding(ApiRequest request) {
        DirectoryUser user = context.onboardedUser(request.parameter("id"));
        return context.link().control().getForwarding(user.extension())
                .thenApply(list -> ApiResponse.ok(ApiViews.ForwardingList.of(list)));
    }

    CompletableFuture<ApiResponse> putForwarding(ApiRequest request) {
        DirectoryUser user = context.onboardedUser(request.parameter("id"));
        JsonBody body = request.json();
        String typeName = body.string("type", name -> forwardingType(name) != null,
                "must be one of " + String.join(", ", forwardingTypes()));
        boolean on = body.bool("enabled");
        String to = body.optionalString("to", DialPlan::dialable, NUMBER_RULE);
        if (on && !body.has("to")) {
            body.reject("to", "required when enabled is true");
        }
        body.done(Set.of("type", "enabled", "to"));
        ForwardingType type = forwardingType(typeName);
        return context.link().control().setForwarding(user.extension(), type, on, to == null ? null : context.toPbx(to))
                .thenApply(unused -> ApiResponse.ok(new ApiViews.ForwardingView(typeName, on, to)));
    }

    private static ForwardingType forwardingType(String name) {
        for (ForwardingType type : ForwardingType.values()) {
            if (ApiViews.type(type).equals(name)) {
                return type;
            }
        }
        return null;
    }

    private static List<String> forwardingTypes() {
        List<String> names = new ArrayList<>();
        for (ForwardingType type : ForwardingType.values()) {
            names.add(ApiViews.type(type));
        }
        return names;
    }

    // ---- GSM routing and call-through, kept by the gateway --------------------------------------

    CompletableFuture<ApiResponse> getGsm(ApiRequest request) {
        DirectoryUser user = context.user(request.parameter("id"));
        return done(ApiResponse.ok(gsm(user)));
    }

    CompletableFuture<ApiResponse> putGsm(ApiRequest request) {
        DirectoryUser user = context.user(request.parameter("id"));
        JsonBody body = request.json();
        boolean on = body.bool("enabled");
        body.done(Set.of("enabled"));
        if (on && user.settings().gsm().isEmpty()) {
            throw new ApiException(Problem.of(HttpResponseStatus.CONFLICT, "no-gsm-number",
                    "user " + user.extension() + " has no GSM number in the directory"));
        }
        if (on && context.calls().callThroughNumber().isEmpty()) {
            throw new ApiException(Problem.of(HttpResponseStatus.CONFLICT, "no-call-through-number",
                    "GSM routing needs cloudgate.calls.gsm.call-through-number, which is not set"));
        }
        context.gsmPreferences().choose(user.extension(), on);
        return done(ApiResponse.ok(gsm(user)));
    }

    private ApiViews.GsmView gsm(DirectoryUser user) {
        return new ApiViews.GsmView(user.settings().gsm().orElse(null),
                user.settings().gsm().isPresent() && context.gsmPreferences().useGsm(user));
    }

    CompletableFuture<ApiResponse> callThrough(ApiRequest request) {
        DirectoryUser user = context.onboardedUser(request.parameter("id"));
        JsonBody body = request.json();
        String to = body.string("to", DialPlan::dialable, NUMBER_RULE);
        body.done(Set.of("to"));
        String dialIn = context.calls().callThroughNumber();
        if (dialIn.isEmpty()) {
            throw new ApiException(Problem.of(HttpResponseStatus.CONFLICT, "no-call-through-number",
                    "call-through needs cloudgate.calls.gsm.call-through-number, which is not set"));
        }
        String gsm = user.settings().gsm().orElseThrow(() -> new ApiException(Problem.of(HttpResponseStatus.CONFLICT,
                "no-gsm-number", "user " + user.extension() + " has no GSM number in the directory: the gateway "
                        + "could not recognise the call-through call")));
        Duration validity = context.announcements().announce(gsm, to);
        Instant expires = Instant.now().plus(validity).truncatedTo(ChronoUnit.SECONDS);
        return done(ApiResponse.ok(new ApiViews.CallThroughView(dialIn, to, validity.toSeconds(), expires.toString())));
    }

    static CompletableFuture<ApiResponse> done(ApiResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
