package org.cloudgate.csta.model;

import java.util.HashMap;
import java.util.Map;

/**
 * The class of a CSTA error: the alternatives of {@code UniversalFailure} (ECMA-269 12.2,
 * ECMA-285 module CSTA-error-definition), each with the names of its enumerated values.
 *
 * <p>The value names are indexed by their ECMA-285 number, so one table serves the BER codec
 * (numbers) and the XML codec (ECMA-323 writes the names as element text).
 */
public enum ErrorCategory {
    OPERATION(0, "operation", new String[] {
            null, "generic", "requestIncompatibleWithObject", "valueOutOfRange", "objectNotKnown",
            "invalidCallingDeviceID", "invalidCalledDeviceID", "invalidForwardingDestination",
            "privilegeViolationSpecifiedDevice", "privilegeViolationCalledDevice",
            "privilegeViolationCallingDevice", "invalidCallID", "invalidDeviceID",
            "invalidConnectionID", "invalidDestination", "invalidFeature",
            "invalidAllocationState", "invalidCrossRefID", "invalidObjectType",
            "securityViolation", "invalidCorrelatorData", "invalidAccountCode", "invalidAuthCode",
            "requestIncompatibleWithCallingDevice", "requestIncompatibleWithCalledDevice",
            "invalidMsgID", "messageIDRequired", "requestIncompatibleWithMedia", "invalidFile",
            "atLeastOneConditionalParameterNotProvided", "featureAlreadySet",
            "invalidParameterValue", "invalidAgentGroup", "invalidAgentIdentifier",
            "invalidAgentPassword", "invalidAgentState", "invalidAlertTime", "invalidAutoAnswer",
            "invalidBitRate", "invalidButtonIdentifier", null, null, "invalidCallType",
            "invalidConnectionRate", "invalidConsultPurpose", "invalidDelayTolerance",
            "invalidDestinationDetect", "invalidDoNotDisturb", "invalidEscapeCrossRefID",
            "invalidFlowDirection", "serviceNotSupported", "invalidForwardingFlag",
            "invalidForwardingType", "invalidHookswitchType", "invalidHookswitchComponent",
            "invalidLampMode", "invalidLampID", "invalidMessageWaitingSetting",
            "invalidMicrophoneGain", "invalidMicrophoneMute", "invalidMonitorCrossRefID",
            "invalidMonitorFilter", "invalidMonitorObject", "invalidMonitorType",
            "invalidNumberOFChannels", "invalidParticipationType", "invalidRemainRetry",
            "invalidRingCount", "invalidRingPattern", "invalidRingVolume",
            "invalidRouteingAlgorithm", "invalidRouteingCrossRefID",
            "invalidRouteRegistrationCrossRefID", "invalidSpeakerVolume", "invalidSpeakerMute",
            "invalidSwitchingSubdomainCharsType", "invalidActiveCallObject",
            "invalidCalledDeviceObjectType", "invalidCallingDeviceObjectType",
            "invalidCallToBePickedUpObjectType", "invalidCallToDivertObjectType",
            "invalidCallToParkObjectType", "invalidHeldCallObject", "invalidMonitorObjectType",
            "invalidParkToObjectType", "notDifferentDevices", "notSameDevice",
            "invalidActiveCallID", "invalidHeldCallID", "invalidActiveConnectionID",
            "invalidHeldConnectionID", "invalidActiveDeviceID", "invalidCallToParkDeviceID",
            "invalidDestinationDeviceID", "invalidDivertingDeviceID", "invalidHeldDeviceID",
            "invalidParkToDeviceID", "invalidPickUpDeviceID", "parameterNotSupported",
            "accountCodeNotSupported", "agentGroupNotSupported", "agentPasswordNotSupported",
            "agentStateNotSupported", "alertTimeNotSupported", "allocationNotSupported",
            "authorisationCodeNotSupported", "autoAnswerNotSupported", "bitRateNotSupported",
            "buttonNotSupported", "callTypeNotSupported", "charactersToSendNotSupported",
            "connectionRateNotSupported", "connectionReservationNotSupported",
            "consultPurposeNotSupported", "correlatorDataNotSupported",
            "delayToleranceNotSupported", "destinationDetectNotSupported", "digitModeNotSupported",
            "errorValueNotSupported", "flowDirectionNotSupported",
            "forwardingDestinationNotSupported", "lampNotSupported", "monitorTypeNotSupported",
            "numberOfChannelsNotSupported", "parameterTypeNotSupported", "priorityNotSupported",
            "privateDataNotSupported", "pulseDurationNotSupported", "pulseRateNotSupported",
            "remainRetryNotSupported", "ringCountNotSupported", "routeUsedNotSupported",
            "securityNotSupported", "swSubdomainCCIETypeNotSupported", "toneDurationNotSupported",
            "sysStatRegIDNotSupported", "userDataNotSupported", "privilegeViolationActiveDevice",
            "privilegeViolationCallToParkDevice", "privilegeViolationDestinationDevice",
            "privilegeViolationOnDivertingDevice", "privilegeViolationHeldDevice",
            "privilegeViolationOnParkToDevice", "privilegeViolationPickUpDevice",
            "routeingTimerExpired", "requestIncompatibleWithConnection",
            "requestIncompatibleWithActiveConnection", "requestIncompatibleWithHeldConnection",
            "requestIncompatibleWithDevice", "requestIncompatibleWithSubjectDevice",
            "requestIncompatibleWithActiveDevice", "requestIncompatibleWithCallToParkDevice",
            "requestIncompatibleWithDestinationDevice", "requestIncompatibleWithDivertingDevice",
            "requestIncompatibleWithHeldDevice", "requestIncompatibleWithParkToDevice",
            "requestIncompatibleWithPickupDevice", "agentStateOutOfRange", "alertTimeOutOfRange",
            "allocationOutOfRange", "autoAnswerOutOfRange", "bitRateOutOfRange",
            "callTypeOutOfRange", "connectionRateOutOfRange", "connectionReservoationOutOfRange",
            "consultPurposeOutOfRange", "correlatorDataOutOfRange", "delayToleranceOutOfRange",
            "destinationDetectOutOfRange", "digitModeOutOfRange", "doNotDisturbOutOfRange",
            "flowDirectionOutOfRange", "forwardingFlagOutOfRange", "forwardingTypeOutOfRange",
            "hookswitchComponentOutOfRange", "hookswitchTypeOutOfRange", "lampModeOutOfRange",
            "messageWaitingSettingOutOfRange", "micGainOutOfRange", "micMuteOutOfRange",
            "monitorTypeOutOfRange", "numberOfChannelsOutOfRange", "participationTypeOutOfRange",
            "pulseDurationOutOfRange", "pulseRateOutOfRange", "ringCountOutOfRange",
            "ringPatternOutOfRange", "ringVolumnOutOfRange", "routeingAlgorithmOutOfRange",
            "speakerMuteOutOfRange", "speakerVolumeOutOfRange", "switchingCcittTypeOutOfRange",
            "systemStatusOutOfRange", "toneCharacterOutOfRange", "toneDurationOutOfRange",
            "invalidDestinationDeviceObject"
    }),
    SECURITY(1, "security", new String[] {
            "generic", "sequenceNumberViolated", "timeStampViolated", null, "securityInfoViolated"
    }),
    STATE_INCOMPATIBILITY(2, "stateIncompatibility", new String[] {
            null, "generic", "invalidObjectState", "invalidConnectionIDForActiveCall",
            "noActiveCall", "noHeldCall", "noCallToClear", "noConnectionToClear", "noCallToAnswer",
            "noCallToComplete", "notAbleToPlay", "notAbleToResume", "endOfMsg", "beginningOfMsg",
            "msgSuspended", "invalidDeviceState", "connectedCallExists",
            "invalidActiveDeviceState", "invalidCalledDeviceState", "invalidCallingDeviceState",
            "invalidCallToParkDeviceState", "invalidDestinationDeviceState",
            "invalidDivertingDeviceState", "invalidHeldDeviceState", "invalidParkToDeviceState",
            "invalidConnectionState", "invalidActiveConnectionState", "invalidHeldConnectionState",
            "incorrectMsgState"
    }),
    SYSTEM_RESOURCE_AVAILABILITY(3, "systemResourceAvailability", new String[] {
            null, "generic", "resourceBusy", "internalResourceBusy", "resourceOutOfService",
            "networkBusy", "networkOutOfService", "overallMonitorLimitExceeded",
            "conferenceMemberLimitExceeded", "classifierBusy", "noMediaChannelsAvailable",
            "channelsInUseForBridgedDevices", "channelsInUseForData", "toneDetectorBusy",
            "toneGeneratorBusy", "deviceOutOfService", "activeDeviceOutOfService",
            "calledDeviceOutOfService", "callingDeviceOutOfService",
            "callToParkDeviceOutOfService", "destinationDeviceOutOfService",
            "divertingDeviceOutOfService", "heldDeviceOutOfService", "parkToDeviceOutOfService",
            "pickupDeviceOutOfService", "otherResourceOutOfService", "resourceLimitExceeded",
            "registrationLimitExceeded", "conferenceResourceCannotBeSatisfied",
            "maxDevicesExceeded", "startTimeOutOfRange", "durationExceeded"
    }),
    SUBSCRIBED_RESOURCE_AVAILABILITY(4, "subscribedResourceAvailability", new String[] {
            null, "generic", "objectMonitorLimitExceeded", "trunkLimitExceeded",
            "outstandingReqLimitExceeded", "objectRegistrationLimitExceeded"
    }),
    PERFORMANCE_MANAGEMENT(5, "performanceManagement", new String[] {
            null, "generic", "performanceLimitExceeded"
    }),
    PRIVATE_DATA(6, "privateData", new String[] {
            null, "cSTAPrivateDataInfoError"
    }),
    UNSPECIFIED(7, "unspecified", new String[0]);

    private final int tag;
    private final String xmlName;
    private final String[] valueNames;
    private final Map<String, Integer> valueCodes = new HashMap<>();

    ErrorCategory(int tag, String xmlName, String[] valueNames) {
        this.tag = tag;
        this.xmlName = xmlName;
        this.valueNames = valueNames;
        for (int code = 0; code < valueNames.length; code++) {
            if (valueNames[code] != null) {
                valueCodes.put(valueNames[code], code);
            }
        }
    }

    /** The context tag of this alternative in {@code UniversalFailure}. */
    public int tag() {
        return tag;
    }

    /** The element name ECMA-323 uses for this alternative. */
    public String xmlName() {
        return xmlName;
    }

    /** The name of a value of this category, or {@code null} if the number is not defined. */
    public String valueName(int code) {
        return code >= 0 && code < valueNames.length ? valueNames[code] : null;
    }

    /** The number of a named value of this category, or -1 if the name is not defined. */
    public int valueCode(String name) {
        return valueCodes.getOrDefault(name, -1);
    }

    /** The category with this {@code UniversalFailure} tag, or {@code null}. */
    public static ErrorCategory ofTag(int tag) {
        for (ErrorCategory category : values()) {
            if (category.tag == tag) {
                return category;
            }
        }
        return null;
    }

    /** The category with this ECMA-323 element name, or {@code null}. */
    public static ErrorCategory ofXmlName(String name) {
        for (ErrorCategory category : values()) {
            if (category.xmlName.equals(name)) {
                return category;
            }
        }
        return null;
    }
}
