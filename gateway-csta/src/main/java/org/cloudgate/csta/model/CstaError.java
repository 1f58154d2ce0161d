package org.cloudgate.csta.model;

/**
 * A negative answer to a request: one {@code UniversalFailure} value (ECMA-269 12.2).
 *
 * @param category which class of failure
 * @param code the ECMA-285 number of the value within its category (0 for {@code unspecified})
 */
public record CstaError(ErrorCategory category, int code) {

    /** Too many devices monitored for the switch's licences (ECMA-269 12.2.4). */
    public static final CstaError OVERALL_MONITOR_LIMIT_EXCEEDED =
            new CstaError(ErrorCategory.SYSTEM_RESOURCE_AVAILABILITY, 7);

    /** This object already has as many monitors as it allows (ECMA-269 12.2.5). */
    public static final CstaError OBJECT_MONITOR_LIMIT_EXCEEDED =
            new CstaError(ErrorCategory.SUBSCRIBED_RESOURCE_AVAILABILITY, 2);

    /** The failure without details (ECMA-269 12.2.8). */
    public static final CstaError UNSPECIFIED = new CstaError(ErrorCategory.UNSPECIFIED, 0);

    /** The ECMA-269 name of the value, or its number when the name is not known. */
    public String valueName() {
        String name = category.valueName(code);
        return name != null ? name : Integer.toString(code);
    }
}
