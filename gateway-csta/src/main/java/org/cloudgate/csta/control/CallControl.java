package org.cloudgate.csta.control;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.cloudgate.csta.link.CstaLink;
import org.cloudgate.csta.link.CstaRequestException;
import org.cloudgate.csta.model.ConnectionId;
import org.cloudgate.csta.model.CstaRequest;
import org.cloudgate.csta.model.CstaResult;
import org.cloudgate.csta.model.ForwardingSetting;
import org.cloudgate.csta.model.ForwardingType;

/**
 * CSTA call control and logical-device services as typed asynchronous calls: each method sends
 * one request over the {@link CstaLink} and returns a future of what the service's positive
 * answer carries.
 *
 * <p>A future fails with {@link CstaRequestException}: {@code ERROR} with the switch's
 * {@link org.cloudgate.csta.model.CstaError} (category and value, ECMA-269 12.2),
 * {@code REJECT} for a ROSE reject, {@code TIMEOUT} when no answer came within the link's
 * request timeout (other requests are not held up), {@code LINK_DOWN}, or
 * {@code UNEXPECTED_RESULT} when the answer lacks the data the service promises. Futures
 * complete on the link's event loop: dependent stages that block belong on another executor.
 */
public final class CallControl {

    private final CstaLink link;

    public CallControl(CstaLink link) {
        this.link = Objects.requireNonNull(link, "link");
    }

    /** Calls {@code called} from {@code calling}; the future holds the calling device's connection (ECMA-269 17.2.11). */
    public CompletableFuture<ConnectionId> makeCall(String calling, String called) {
        return request(new CstaRequest.MakeCall(calling, called), CstaResult.MakeCallResult.class,
                CstaResult.MakeCallResult::callingDevice);
    }

    /** Answers an alerting connection (ECMA-269 17.2.2). */
    public CompletableFuture<Void> answerCall(ConnectionId alerting) {
        return acknowledged(new CstaRequest.AnswerCall(alerting));
    }

    /** Releases one device from its call (ECMA-269 17.2.5). */
    public CompletableFuture<Void> clearConnection(ConnectionId connection) {
        return acknowledged(new CstaRequest.ClearConnection(connection));
    }

    /** Releases every device from the call (ECMA-269 17.2.4). */
    public CompletableFuture<Void> clearCall(ConnectionId call) {
        return acknowledged(new CstaRequest.ClearCall(call));
    }

    /** Puts a connected connection on hold (ECMA-269 17.2.10). */
    public CompletableFuture<Void> holdCall(ConnectionId connected) {
        return acknowledged(new CstaRequest.HoldCall(connected));
    }

    /** Takes a held connection back (ECMA-269 17.2.16). */
    public CompletableFuture<Void> retrieveCall(ConnectionId held) {
        return acknowledged(new CstaRequest.RetrieveCall(held));
    }

    /**
     * Holds {@code existing} and calls {@code consulted} from the same device; the future holds
     * the device's connection in the new call (ECMA-269 17.2.7).
     */
    public CompletableFuture<ConnectionId> consultationCall(ConnectionId existing, String consulted) {
        return request(new CstaRequest.ConsultationCall(existing, consulted), CstaResult.ConsultationCallResult.class,
                CstaResult.ConsultationCallResult::initiatedCall);
    }

    /**
     * Joins the held and the active call of one device and drops that device (ECMA-269 17.2.20);
     * the future holds the resulting call's connection, or {@code null} when the switch's
     * answer omits it (ECMA-285 allows a returnResult without a result).
     */
    public CompletableFuture<ConnectionId> transferCall(ConnectionId held, ConnectionId active) {
        return requestOptional(new CstaRequest.TransferCall(held, active), CstaResult.TransferCallResult.class,
                CstaResult.TransferCallResult::transferredCall);
    }

    /**
     * Transfers an active call to {@code transferredTo} without consultation (ECMA-269 17.2.19);
     * the future holds the resulting call's connection, or {@code null} when the answer omits it.
     */
    public CompletableFuture<ConnectionId> singleStepTransfer(ConnectionId active, String transferredTo) {
        return requestOptional(new CstaRequest.SingleStepTransfer(active, transferredTo),
                CstaResult.SingleStepTransferResult.class, CstaResult.SingleStepTransferResult::transferredCall);
    }

    /** Sends an alerting call on to another destination (ECMA-269 17.2.8). */
    public CompletableFuture<Void> deflectCall(ConnectionId alerting, String newDestination) {
        return acknowledged(new CstaRequest.DeflectCall(alerting, newDestination));
    }

    /** Whether do-not-disturb is on at the device (ECMA-269 21.1.5). */
    public CompletableFuture<Boolean> getDoNotDisturb(String device) {
        return request(new CstaRequest.GetDoNotDisturb(device), CstaResult.GetDoNotDisturbResult.class,
                CstaResult.GetDoNotDisturbResult::doNotDisturbOn);
    }

    /** Turns do-not-disturb on or off at the device (ECMA-269 21.1.14). */
    public CompletableFuture<Void> setDoNotDisturb(String device, boolean on) {
        return acknowledged(new CstaRequest.SetDoNotDisturb(device, on));
    }

    /** The device's forwarding settings (ECMA-269 21.1.6). */
    public CompletableFuture<List<ForwardingSetting>> getForwarding(String device) {
        return request(new CstaRequest.GetForwarding(device), CstaResult.GetForwardingResult.class,
                CstaResult.GetForwardingResult::forwardingList);
    }

    /**
     * Turns one forwarding on or off at the device (ECMA-269 21.1.15).
     *
     * @param type which forwarding, or {@code null} for the switch's default
     * @param destination where to, or {@code null} to keep the one the switch has
     */
    public CompletableFuture<Void> setForwarding(String device, ForwardingType type, boolean on, String destination) {
        return acknowledged(new CstaRequest.SetForwarding(device, type, on, destination));
    }

    private CompletableFuture<Void> acknowledged(CstaRequest request) {
        return link.invoke(request).thenApply(result -> null);
    }

    private <R extends CstaResult, T> CompletableFuture<T> request(CstaRequest request, Class<R> expected,
                                                                   Function<R, T> value) {
        return link.invoke(request).thenCompose(result -> expected.isInstance(result)
                ? CompletableFuture.completedFuture(value.apply(expected.cast(result)))
                : CompletableFuture.failedFuture(CstaRequestException.unexpectedResult(request.operation(), result)));
    }

    private <R extends CstaResult, T> CompletableFuture<T> requestOptional(CstaRequest request, Class<R> expected,
                                                                           Function<R, T> value) {
        return link.invoke(request).thenCompose(result -> {
            if (expected.isInstance(result)) {
                return CompletableFuture.completedFuture(value.apply(expected.cast(result)));
            }
            if (result instanceof CstaResult.Acknowledgement) {
                return CompletableFuture.completedFuture(null);
            }
            return CompletableFuture.failedFuture(CstaRequestException.unexpectedResult(request.operation(), result));
        });
    }
}
