package org.cloudgate.csta.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Why a CSTA event happened (ECMA-269 12.2.10, ECMA-285 module CSTA-event-causes).
 *
 * <p>Each constant carries the numeric value of the ASN.1 enumeration (BER) and the identifier
 * that ECMA-323 writes as element text (XML), so both codecs share one table.
 */
public enum EventCause {
    ACTIVE_PARTICIPATION(1, "activeParticipation"),
    ALTERNATE(2, "alternate"),
    BUSY(3, "busy"),
    CALL_BACK(4, "callBack"),
    CALL_CANCELLED(5, "callCancelled"),
    CALL_FORWARD_IMMEDIATE(6, "callForwardImmediate"),
    CALL_FORWARD_BUSY(7, "callForwardBusy"),
    CALL_FORWARD_NO_ANSWER(8, "callForwardNoAnswer"),
    CALL_FORWARD(9, "callForward"),
    CALL_NOT_ANSWERED(10, "callNotAnswered"),
    CALL_PICKUP(11, "callPickup"),
    CAMP_ON(12, "campOn"),
    DEST_NOT_OBTAINABLE(13, "destNotObtainable"),
    DO_NOT_DISTURB(14, "doNotDisturb"),
    INCOMPATIBLE_DESTINATION(15, "incompatibleDestination"),
    INVALID_ACCOUNT_CODE(16, "invalidAccountCode"),
    KEY_OPERATION(17, "keyOperation"),
    LOCKOUT(18, "lockout"),
    MAINTENANCE(19, "maintenance"),
    NETWORK_CONGESTION(20, "networkCongestion"),
    NETWORK_NOT_OBTAINABLE(21, "networkNotObtainable"),
    NEW_CALL(22, "newCall"),
    NO_AVAILABLE_AGENTS(23, "noAvailableAgents"),
    OVERRIDE(24, "override"),
    PARK(25, "park"),
    OVERFLOW(26, "overflow"),
    RECALL(27, "recall"),
    REDIRECTED(28, "redirected"),
    REORDER_TONE(29, "reorderTone"),
    RESOURCES_NOT_AVAILABLE(30, "resourcesNotAvailable"),
    SILENT_PARTICIPATION(31, "silentParticipation"),
    TRANSFER(32, "transfer"),
    TRUNKS_BUSY(33, "trunksBusy"),
    BLOCKED(35, "blocked"),
    CHARACTER_COUNT_REACHED(36, "characterCountReached"),
    CONSULTATION(37, "consultation"),
    DISTRIBUTED(38, "distributed"),
    D_TMF_DIGIT_DETECTED(39, "dTMFDigitDetected"),
    DURATION_EXCEEDED(40, "durationExceeded"),
    END_OF_MESSAGE_DETECTED(41, "endOfMessageDetected"),
    ENTERING_DISTRIBUTION(42, "enteringDistribution"),
    FORCED_PAUSE(43, "forcedPause"),
    MAKE_CALL(44, "makeCall"),
    MESSAGE_SIZE_EXCEEDED(45, "messageSizeExceeded"),
    NETWORK_SIGNAL(46, "networkSignal"),
    NEXT_MESSAGE(47, "nextMessage"),
    NORMAL_CLEARING(48, "normalClearing"),
    NO_SPEECH_DETECTED(49, "noSpeechDetected"),
    NUMBER_CHANGED(50, "numberChanged"),
    SINGLE_STEP_CONFERENCE(51, "singleStepConference"),
    SINGLE_STEP_TRANSFER(52, "singleStepTransfer"),
    SPEECH_DETECTED(53, "speechDetected"),
    SWITCHING_FUNCTION_TERMINATED(54, "switchingFunctionTerminated"),
    TERMINATION_CHARACTER_RECEIVED(55, "terminationCharacterReceived"),
    TIMEOUT(56, "timeout"),
    A_CD_BUSY(57, "aCDBusy"),
    A_CD_FORWARD(58, "aCDForward"),
    A_CD_SATURATED(59, "aCDSaturated"),
    ALERT_TIME_EXPIRED(60, "alertTimeExpired"),
    AUTO_WORK(61, "autoWork"),
    CAMP_ON_TRUNKS(62, "campOnTrunks"),
    CONFERENCE(63, "conference"),
    DEST_DETECTED(64, "destDetected"),
    DEST_OUT_OF_ORDER(65, "destOutOfOrder"),
    DISTRIBUTION_DELAY(66, "distributionDelay"),
    FORCED_TRANSITION(67, "forcedTransition"),
    INTRUDE(68, "intrude"),
    INVALID_NUMBER_FORMAT(69, "invalidNumberFormat"),
    JOIN_CALL(70, "joinCall"),
    KEY_OPERATION_IN_USE(71, "keyOperationInUse"),
    MAKE_PREDICTIVE_CALL(72, "makePredictiveCall"),
    MESSAGE_DURATION_EXCEEDED(73, "messageDurationExceeded"),
    MULTIPLE_ALERTING(74, "multipleAlerting"),
    MULTIPLE_QUEUING(75, "multipleQueuing"),
    NETWORK_DIALLING(76, "networkDialling"),
    NETWORK_OUT_OF_ORDER(77, "networkOutOfOrder"),
    NORMAL(78, "normal"),
    NOT_AVALIABLE_BEARER_SERVICE(79, "notAvaliableBearerService"),
    NOT_SUPPORTED_BEARER_SERVICE(80, "notSupportedBearerService"),
    NUMBER_UNALLOCATED(81, "numberUnallocated"),
    QUEUE_CLEARED(82, "queueCleared"),
    REMAINS_IN_QUEUE(83, "remainsInQueue"),
    RESERVED(84, "reserved"),
    SELECTED_TRUNK_BUSY(85, "selectedTrunkBusy"),
    SUSPEND(86, "suspend"),
    UNAUTHORISED_BEARER_SERVICE(87, "unauthorisedBearerService"),
    ACTIVATION(88, "activation"),
    BABBLE(89, "babble"),
    BAD_ATTRIBUTE(90, "badAttribute"),
    BAD_GRAMMAR(91, "badGrammar"),
    BAD_VOICE(92, "badVoice"),
    BAD_URI(93, "badUri"),
    BUSY_OVERFLOW(94, "busyOverflow"),
    CALENDAR_OVERFLOW(95, "calendarOverflow"),
    CAPACITY_OVERFLOW(96, "capacityOverflow"),
    DUPLICATE_DTMF(97, "duplicateDTMF"),
    EARLY_STOP(98, "earlyStop"),
    EMPTY_QUEUE(99, "emptyQueue"),
    INTER_DIGIT_TIMEOUT(100, "interDigitTimeout"),
    INVALID_CONNECTION(101, "invalidConnection"),
    INVALID_CONNECTION_STATE(102, "invalidConnectionState"),
    MAKE_CONNECTION(103, "makeConnection"),
    MAX_TIMEOUT(104, "maxTimeout"),
    NO_AUDIO_SAVED(105, "noAudioSaved"),
    NO_QUEUE(106, "noQueue"),
    NO_RULE(107, "noRule"),
    OUT_OF_GRAMMAR(108, "outOfGrammar"),
    PATH_REPLACEMENT(109, "pathReplacement"),
    QUEUE_TIME_OVERFLOW(110, "queueTimeOverflow"),
    RECALL_BUSY(111, "recallBusy"),
    RECALL_FORWARDED(112, "recallForwarded"),
    RECALL_NO_ANSWER(113, "recallNoAnswer"),
    RECALL_RESOURCES_NOT_AVAILABLE(114, "recallResourcesNotAvailable"),
    UNKNOWN_OVERFLOW(115, "unknownOverflow"),
    CALL_INTERCEPTION(116, "callInterception"),
    CALL_INTERCEPTION_BUSY(117, "callInterceptionBusy"),
    CALL_INTERCEPTION_FORWARDED(118, "callInterceptionForwarded"),
    CALL_INTERCEPTION_NO_ANSWER(119, "callInterceptionNoAnswer"),
    CALL_INTERCEPTION_RESOURCES_NOT_AVAILABLE(120, "callInterceptionResourcesNotAvailable"),
    LAWFUL_INTERCEPTION(121, "lawfulInterception");

    private static final EventCause[] BY_CODE = new EventCause[122];
    private static final Map<String, EventCause> BY_NAME = new HashMap<>();

    static {
        for (EventCause cause : values()) {
            BY_CODE[cause.code] = cause;
            BY_NAME.put(cause.xmlName, cause);
        }
    }

    private final int code;
    private final String xmlName;

    EventCause(int code, String xmlName) {
        this.code = code;
        this.xmlName = xmlName;
    }

    /** The ENUMERATED value in ECMA-285. */
    public int code() {
        return code;
    }

    /** The identifier ECMA-323 writes as element text. */
    public String xmlName() {
        return xmlName;
    }

    /** The cause with this ECMA-285 value, or {@code null} if the value is not defined. */
    public static EventCause ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The cause with this ECMA-323 identifier, or {@code null} if it is not defined. */
    public static EventCause ofXmlName(String name) {
        return BY_NAME.get(name);
    }
}
