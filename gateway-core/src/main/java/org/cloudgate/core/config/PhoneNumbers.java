package org.cloudgate.core.config;

/** Telephone numbers as the PBX and the directory write them. */
public final class PhoneNumbers {

    /** Digits a national number needs, without its 0, to be matched with an international one. */
    private static final int MIN_SIGNIFICANT_DIGITS = 6;

    private PhoneNumbers() {
    }

    /**
     * Whether two numbers name the same line. Written the same way (both international, with
     * {@code +} or {@code 00}, or both national), their digits must be equal: {@code +41791234567}
     * and {@code 0041791234567} are one line, {@code +33791234567} another. An international and
     * a national number ({@code 0} and at least six more digits) are one
     * line when the international one is a country code of one to three digits followed by the
     * national one without its {@code 0}: {@code 0791234567} is {@code +41791234567}. Without the
     * gateway's own country that national form also matches {@code +33791234567}; see
     * {@link #sameNumber(String, String, String)}.
     */
    public static boolean sameNumber(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        String da = digits(a);
        String db = digits(b);
        boolean internationalA = da.startsWith("00");
        if (internationalA == db.startsWith("00")) {
            return !da.isEmpty() && da.equals(db);
        }
        String international = internationalA ? da : db;
        String national = internationalA ? db : da;
        if (!national.startsWith("0") || national.length() < 1 + MIN_SIGNIFICANT_DIGITS) {
            return false;
        }
        String significant = national.substring(1);
        int countryCode = international.length() - 2 - significant.length();
        return countryCode >= 1 && countryCode <= 3 && international.endsWith(significant);
    }

    /**
     * Whether two numbers name the same line, national numbers being of the country whose code is
     * {@code countryCode} (one to three digits, e.g. {@code 41}): {@code 0791234567} is then
     * {@code +41791234567} and not {@code +33791234567}. With an empty code, as
     * {@link #sameNumber(String, String)}.
     */
    public static boolean sameNumber(String a, String b, String countryCode) {
        if (countryCode.isEmpty()) {
            return sameNumber(a, b);
        }
        if (a.equals(b)) {
            return true;
        }
        String da = international(digits(a), countryCode);
        return !da.isEmpty() && da.equals(international(digits(b), countryCode));
    }

    /** A national number ({@code 0} and at least six digits) as an international one; others as they are. */
    private static String international(String digits, String countryCode) {
        if (digits.startsWith("00") || !digits.startsWith("0") || digits.length() < 1 + MIN_SIGNIFICANT_DIGITS) {
            return digits;
        }
        return "00" + countryCode + digits.substring(1);
    }

    /** The digits of a number, a leading {@code +} written as the international prefix {@code 00}. */
    private static String digits(String number) {
        StringBuilder digits = new StringBuilder(number.length() + 1);
        if (number.startsWith("+")) {
            digits.append("00");
        }
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }
}
