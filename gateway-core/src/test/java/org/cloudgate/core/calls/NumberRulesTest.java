package org.cloudgate.core.calls;

import org.cloudgate.core.config.CallSettings;
import org.cloudgate.core.config.PhoneNumbers;
import org.cloudgate.sip.b2bua.SessionRefresh;
import org.cloudgate.sip.codec.OutgoingRequests;
import org.cloudgate.sip.message.SipRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NumberRulesTest {

    private static CallSettings settings(String route, int extensionLength) {
        return new CallSettings(route, extensionLength, Duration.ofMinutes(2), Duration.ofHours(12), 0,
                CallSettings.ClirFrom.ANONYMOUS, CallSettings.RedirectingInfo.DIVERSION, "", CallSettings.CallThroughTo.DIVERSION,
                false, Duration.ofMinutes(1), SessionRefresh.OFF);
    }

    @Test
    void extensionsGoAsDialledAndExternalNumbersBehindTheRoute() {
        DialPlan plan = new DialPlan(settings("0", 4));
        assertThat(plan.toPbx("2001")).isEqualTo("2001");
        assertThat(plan.toPbx("0791234567")).isEqualTo("00791234567");
        assertThat(plan.toPbx("+41791234567")).isEqualTo("00041791234567");
        assertThat(new DialPlan(settings("", 4)).toPbx("+41791234567")).isEqualTo("0041791234567");
    }

    @Test
    void onlyDigitsStarHashAndALeadingPlusAreDialable() {
        assertThat(DialPlan.dialable("*21#")).isTrue();
        assertThat(DialPlan.dialable("+41791234567")).isTrue();
        assertThat(DialPlan.dialable("+")).isFalse();
        assertThat(DialPlan.dialable("41+79")).isFalse();
        assertThat(DialPlan.dialable("alice")).isFalse();
        assertThat(DialPlan.dialable("")).isFalse();
        assertThat(DialPlan.dialable("1".repeat(33))).isFalse();
    }

    @Test
    void aMobileIsRecognisedInInternationalAndNationalForm() {
        assertThat(PhoneNumbers.sameNumber("+41791234567", "0041791234567")).isTrue();
        assertThat(PhoneNumbers.sameNumber("0791234567", "+41791234567")).isTrue();
        assertThat(PhoneNumbers.sameNumber("0791234568", "+41791234567")).isFalse();
        assertThat(PhoneNumbers.sameNumber("1234", "01234")).isFalse();
    }

    @Test
    void withTheGatewaysCountryANationalNumberIsThatCountrysOnly() {
        assertThat(PhoneNumbers.sameNumber("0791234567", "+41791234567", "41")).isTrue();
        assertThat(PhoneNumbers.sameNumber("0791234567", "0041791234567", "41")).isTrue();
        assertThat(PhoneNumbers.sameNumber("079 123 45 67", "0791234567", "41")).isTrue();
        assertThat(PhoneNumbers.sameNumber("0791234567", "+33791234567", "41")).as("another country").isFalse();
        assertThat(PhoneNumbers.sameNumber("0791234567", "+33791234567", "")).as("country unknown").isTrue();
        assertThat(PhoneNumbers.sameNumber("+41791234567", "+41791234567", "33")).isTrue();
        assertThat(PhoneNumbers.sameNumber("0791234567", "00791234567", "41")).as("+7: another country").isFalse();
        assertThat(PhoneNumbers.sameNumber("012345", "+4112345", "41")).as("too short to be national").isFalse();
        assertThat(PhoneNumbers.sameNumber("1234", "1234", "41")).isTrue();
        assertThat(PhoneNumbers.sameNumber("", "+", "41")).isFalse();
    }

    @Test
    void twoInternationalNumbersAreOneLineOnlyWhenAllTheirDigitsAre() {
        assertThat(PhoneNumbers.sameNumber("+33791234567", "+41791234567")).as("another country").isFalse();
        assertThat(PhoneNumbers.sameNumber("0033791234567", "+41791234567")).isFalse();
        assertThat(PhoneNumbers.sameNumber("0791234567", "0041791234567")).isTrue();
        assertThat(PhoneNumbers.sameNumber("0791234567", "0791234567")).isTrue();
        assertThat(PhoneNumbers.sameNumber("0791234567", "00791234567")).as("no country code").isFalse();
        assertThat(PhoneNumbers.sameNumber("791234567", "+41791234567")).as("no national prefix").isFalse();
        assertThat(PhoneNumbers.sameNumber("012345", "+4112345")).as("too short to match across forms")
                .isFalse();
        assertThat(PhoneNumbers.sameNumber("+", "+")).isTrue();
        assertThat(PhoneNumbers.sameNumber("alice", "bob")).isFalse();
    }

    @Test
    void theUserPartOfSipAndTelUris() {
        assertThat(GatewayCallRouter.userPart("sip:201@pbx.example.com;user=phone")).isEqualTo("201");
        assertThat(GatewayCallRouter.userPart("tel:+41791234567;phone-context=x")).isEqualTo("+41791234567");
        assertThat(GatewayCallRouter.userPart("sip:pbx.example.com")).isNull();
        assertThat(GatewayCallRouter.userPart("sip:%32%30%31@h")).isEqualTo("201");
    }

    @Test
    void diversionsBecomeAHistoryInfoChainOldestFirstWithTheirCauses() {
        SipRequest invite = OutgoingRequests.fromText("""
                INVITE sip:201@gw SIP/2.0\r
                Via: SIP/2.0/UDP pbx;branch=z9hG4bK1\r
                From: <sip:0791112233@pbx>;tag=1\r
                To: <sip:200@pbx>\r
                Call-ID: c1\r
                CSeq: 1 INVITE\r
                Diversion: <sip:300@pbx>;reason=user-busy;counter=1\r
                Diversion: <sip:200@pbx>;reason=no-answer;counter=1\r
                Content-Length: 0\r
                \r
                """);
        try {
            assertThat(IdentityRules.historyFromDiversions(invite)).isEqualTo(
                    "<sip:200@pbx>;index=1, <sip:300@pbx;cause=408>;index=1.1, <sip:201@gw;cause=486>;index=1.1.1");
        } finally {
            invite.release();
        }
    }

    @Test
    void anAnnouncedDestinationIsUsedOnceAndExpires() {
        AtomicLong now = new AtomicLong();
        CallThroughAnnouncements announcements = new CallThroughAnnouncements(Duration.ofSeconds(60), now::get);
        assertThat(announcements.announce("+41791234567", "0441112233")).isEqualTo(Duration.ofSeconds(60));
        assertThat(announcements.take("+41791234567")).isEqualTo("0441112233");
        assertThat(announcements.take("+41791234567")).isNull();

        announcements.announce("+41791234567", "0441112233");
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        assertThat(announcements.take("+41791234567")).isNull();
        assertThatThrownBy(() -> announcements.announce("+41791234567", "not a number"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
