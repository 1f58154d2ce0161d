package org.cloudgate.core.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.cloudgate.core.api.http.ApiException;
import org.cloudgate.core.api.http.Problem;
import org.cloudgate.core.calls.CallThroughAnnouncements;
import org.cloudgate.core.calls.DialPlan;
import org.cloudgate.core.calls.GsmPreferences;
import org.cloudgate.core.config.CallSettings;
import org.cloudgate.core.csta.CstaConnection;
import org.cloudgate.core.directory.DirectoryUser;
import org.cloudgate.core.directory.UserDirectory;

/**
 * What the operations work on, and the lookups every one of them starts with: the user the path
 * names (404 if unknown), onboarded when the PBX is to act for it (409 otherwise), and the CSTA
 * link when the operation needs the PBX (503 when CSTA is off or the link is down).
 *
 * @param csta the CSTA link, or {@code null} when {@code cloudgate.csta.enabled} is false
 */
public record ApiContext(UserDirectory directory, CstaConnection csta, GsmPreferences gsmPreferences,
                         CallThroughAnnouncements announcements, CallSettings calls) {

    static final long LINK_DOWN_RETRY_SECONDS = 5;

    DirectoryUser user(String id) {
        DirectoryUser user = directory.user(id);
        if (user == null) {
            throw new ApiException(Problem.of(HttpResponseStatus.NOT_FOUND, "no-such-user",
                    "there is no user with extension " + id));
        }
        return user;
    }

    DirectoryUser onboardedUser(String id) {
        DirectoryUser user = user(id);
        if (!user.onboarded()) {
            throw new ApiException(Problem.of(HttpResponseStatus.CONFLICT, "not-onboarded",
                    "user " + id + " is not onboarded: " + user.status().text()));
        }
        return user;
    }

    /** The CSTA link, up. */
    CstaConnection link() {
        if (csta == null) {
            throw new ApiException(Problem.of(HttpResponseStatus.SERVICE_UNAVAILABLE, "csta-disabled",
                    "this needs the PBX's CSTA service, and cloudgate.csta.enabled is false"));
        }
        if (!csta.linkUp()) {
            throw new ApiException(Problem.of(HttpResponseStatus.SERVICE_UNAVAILABLE, "csta-link-down",
                    "the CSTA link to the PBX is down; try again when it is back").retryAfter(LINK_DOWN_RETRY_SECONDS));
        }
        return csta;
    }

    /** A number as the PBX dials it: external numbers behind the outgoing route. */
    String toPbx(String number) {
        return new DialPlan(calls).toPbx(number);
    }
}
