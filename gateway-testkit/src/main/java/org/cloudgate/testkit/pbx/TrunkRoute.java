package org.cloudgate.testkit.pbx;

/**
 * The PBX's route for outgoing calls (vendor field "Route for outgoing calls"): an INVITE whose
 * number starts with {@code prefix} goes "to the SIP provider", which the simulated PBX stands in
 * for by recording it ({@link ProviderTrunk}) and answering it.
 *
 * @param prefix       the digits that select the route, e.g. {@code 0}
 * @param answerStatus what the provider answers: 200 answers with an RTP echo, anything from 300
 *                     to 699 refuses the call with that status
 */
public record TrunkRoute(String prefix, int answerStatus) {

    /** Prefix {@code 0}, calls answered. */
    public static final TrunkRoute DEFAULT = new TrunkRoute("0", 200);

    public TrunkRoute {
        if (prefix == null || prefix.isEmpty() || !prefix.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("the outgoing route prefix is a non-empty string of digits: " + prefix);
        }
        if (answerStatus != 200 && (answerStatus < 300 || answerStatus > 699)) {
            throw new IllegalArgumentException("the provider answers 200 or a final failure 300..699, not "
                    + answerStatus);
        }
    }

    /** Whether {@code number} is dialled through this route. */
    public boolean routes(String number) {
        return number.startsWith(prefix);
    }
}
