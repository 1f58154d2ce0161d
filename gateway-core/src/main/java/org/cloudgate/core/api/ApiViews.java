package org.cloudgate.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.cloudgate.core.directory.DirectoryUser;
import org.cloudgate.csta.calls.Call;
import org.cloudgate.csta.calls.Party;
import org.cloudgate.csta.model.ForwardingSetting;
import org.cloudgate.csta.model.ForwardingType;
import org.cloudgate.csta.model.LocalConnectionState;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON bodies of the API, as {@code docs/api/openapi.yaml} describes them. Names are
 * camelCase; enumerated values lower case with hyphens. A member that has no value is left out.
 */
final class ApiViews {

    private ApiViews() {
    }

    /** The name of an enum constant in the API, e.g. {@code MISSING_EMAIL} is {@code missing-email}. */
    static String label(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UserList(List<UserView> users) {
    }

    /**
     * @param presence present when CSTA is enabled
     * @param calls    present when CSTA is enabled
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UserView(String id, String name, String email, Onboarding onboarding, GsmView gsm, String presence,
                    List<CallView> calls) {
    }

    record Onboarding(String status, String detail) {
        static Onboarding of(DirectoryUser user) {
            return new Onboarding(label(user.status()), user.status().text());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GsmView(String number, boolean enabled) {
    }

    record CallList(List<CallView> calls) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CallView(String id, String state, List<PartyView> parties) {
        static CallView of(Call call) {
            List<PartyView> parties = new ArrayList<>();
            for (Party party : call.parties()) {
                parties.add(new PartyView(party.device(), party.state() == null ? null : ApiViews.state(party.state())));
            }
            return new CallView(call.callId(), ApiViews.state(call.state()), parties);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PartyView(String device, String state) {
    }

    record DoNotDisturb(boolean enabled) {
    }

    record ForwardingList(List<ForwardingView> forwardings) {
        static ForwardingList of(List<ForwardingSetting> settings) {
            List<ForwardingView> views = new ArrayList<>();
            for (ForwardingSetting setting : settings) {
                views.add(new ForwardingView(setting.forwardingType() == null ? null : type(setting.forwardingType()),
                        setting.forwardStatus(), setting.forwardDn()));
            }
            return new ForwardingList(views);
        }
    }

    /** @param type the condition ({@code immediate}, {@code busy}, {@code no-answer}...), absent if the PBX did not say */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ForwardingView(String type, boolean enabled, String to) {
    }

    record CallThroughView(String dialIn, String destination, long validForSeconds, String expiresAt) {
    }

    /** A forwarding condition's API name: the ECMA-269 name without {@code forward}, e.g. {@code no-answer}. */
    static String type(ForwardingType type) {
        return label(type).substring("forward-".length());
    }

    static String state(LocalConnectionState state) {
        return label(state);
    }
}
