package org.cloudgate.core.config;

import org.cloudgate.rtp.MohMode;
import org.cloudgate.sip.transaction.TransactionTimers;
import org.cloudgate.sip.transport.SipStackSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class SettingsLoaderTest {

    @TempDir
    Path dir;

    private final SettingsLoader loader = new SettingsLoader();

    @Test
    void anEmptyFileGivesTheDocumentedDefaults() throws Exception {
        GatewaySettings settings = loader.load(write(""));

        assertThat(settings.service().enabled()).isTrue();
        assertThat(settings.pbx().configured()).isFalse();
        assertThat(settings.pbx().port()).isEqualTo(5060);
        assertThat(settings.pbx().transport()).isEqualTo(PbxTransport.UDP);
        assertThat(settings.admin()).isEqualTo(new AdminSettings("127.0.0.1", 9090));
        assertThat(settings.lifecycle().drainTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.eventLoops().threads()).isZero();
        assertThat(settings.source().locate("cloudgate.admin.port")).isEqualTo("built-in default");
        assertThat(settings.sip().stack().bindAddress()).isEqualTo("127.0.0.1");
        assertThat(settings.sip().advertisedHost()).isEmpty();
        assertThat(settings.sip().stack().udpPort()).isEqualTo(5060);
        assertThat(settings.sip().stack().tlsPort()).isEqualTo(SipStackSettings.DISABLED);
        assertThat(settings.sip().stack().timers()).isEqualTo(TransactionTimers.RFC_3261);
    }

    @Test
    void tlsNeedsItsFilesAndT2MayNotUndercutT1() throws Exception {
        List<ConfigProblem> problems = problems(write("""
                cloudgate.sip {
                  tls.enabled = true
                  tls.key = "/nonexistent/key.pem"
                  timers.t2 = 100ms
                }
                """));

        assertThat(problems).extracting(ConfigProblem::key, ConfigProblem::message).containsExactly(
                tuple("cloudgate.sip.tls.certificate", "required when cloudgate.sip.tls.enabled is true"),
                tuple("cloudgate.sip.tls.key", "cannot read /nonexistent/key.pem"),
                tuple("cloudgate.sip.timers.t2", "must not be shorter than cloudgate.sip.timers.t1"));
    }

    @Test
    void aGatewayWithoutAnySipListenerIsRefused() throws Exception {
        assertThat(problems(write("cloudgate.sip { udp.enabled = false, tcp.enabled = false }\n")))
                .singleElement().extracting(ConfigProblem::message)
                .isEqualTo("at least one of udp, tcp and tls must be enabled");
    }

    @Test
    void everyMistakeIsReportedAtOnceWithFileLineAndKey() throws Exception {
        Path file = Path.of(getClass().getResource("/config/five-mistakes.conf").toURI());

        List<ConfigProblem> problems = problems(file);

        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::key).containsExactly(
                tuple(3, "cloudgate.servce"),
                tuple(7, "cloudgate.admin.port"),
                tuple(11, "cloudgate.pbx.transport"),
                tuple(14, "cloudgate.lifecycle.drain-timeout"),
                tuple(17, "cloudgate.event-loops.threads"));
        assertThat(problems).allSatisfy(p -> assertThat(p.file()).isEqualTo(file.toString()));
        assertThat(problems.get(0).message()).isEqualTo("unknown key (did you mean cloudgate.service?)");
        assertThat(problems.get(1).message()).isEqualTo("99999 is out of range, must be between 0 and 65535");
        assertThat(problems.get(2).message()).isEqualTo("unknown value \"sctp\", must be one of udp, tcp, udp-or-tcp");
        assertThat(problems.get(3).message()).startsWith("bad duration \"10 parsecs\"");
        assertThat(problems.get(4).message()).isEqualTo("expected a whole number, got \"four\"");
        assertThat(problems.get(0).toString())
                .isEqualTo(file + ":3: cloudgate.servce: unknown key (did you mean cloudgate.service?)");
    }

    @Test
    void aCountryCodeIsOneToThreeDigits() throws Exception {
        Path file = write("cloudgate.calls.gsm {\n  country-code = \"0041\"\n}\n");

        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("cloudgate.calls.gsm.country-code");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).isEqualTo("\"0041\" is not a country code: one to three digits without + or 00, e.g. 41");
        });
    }

    @Test
    void pbxCredentialsAreRequiredOnceAHostIsSet() throws Exception {
        Path file = write("""
                cloudgate.pbx {
                  host = "pbx.example.com"
                  username = "gateway"
                }
                """);

        List<ConfigProblem> problems = problems(file);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("cloudgate.pbx.password");
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.message()).startsWith("missing required key");
        });
    }

    @Test
    void aConfiguredPbxIsReadAndItsPasswordNeverPrinted() throws Exception {
        GatewaySettings settings = loader.load(write("""
                cloudgate.pbx {
                  host = "192.0.2.10"
                  port = 5080
                  transport = udp-or-tcp
                  username = "gateway"
                  password = "s3cret"
                }
                """));

        assertThat(settings.pbx().configured()).isTrue();
        assertThat(settings.pbx().transport()).isEqualTo(PbxTransport.UDP_OR_TCP);
        assertThat(settings.pbx().password()).isEqualTo("s3cret");
        assertThat(settings.pbx().toString()).doesNotContain("s3cret");
        assertThat(settings.source().locate("cloudgate.pbx.port")).endsWith(":3");
    }

    @Test
    void aDurationWithoutUnitIsRefusedRatherThanTakenAsMilliseconds() throws Exception {
        List<ConfigProblem> problems = problems(write("cloudgate.lifecycle.drain-timeout = 10\n"));

        assertThat(problems).singleElement().extracting(ConfigProblem::message)
                .isEqualTo("expected a duration with a unit, e.g. 10s or 500ms, got a number (10)");
    }

    @Test
    void aFractionalPortIsNotAPort() throws Exception {
        assertThat(problems(write("cloudgate.pbx.port = 5060.5\n")))
                .singleElement().extracting(ConfigProblem::message)
                .isEqualTo("expected a whole number, got a number (5060.5)");
    }

    @Test
    void aKeyInTheWrongSectionIsPointedToWhereItBelongs() throws Exception {
        List<ConfigProblem> problems = problems(write("cloudgate.admin.drain-timeout = 5s\n"));

        assertThat(problems).singleElement().extracting(ConfigProblem::message)
                .isEqualTo("unknown key (did you mean cloudgate.lifecycle.drain-timeout?)");
    }

    @Test
    void keysOutsideTheCloudgateSectionAreUnknownToo() throws Exception {
        assertThat(problems(write("akka.loglevel = DEBUG\n")))
                .singleElement().extracting(ConfigProblem::key).isEqualTo("akka");
    }

    @Test
    void aSyntaxErrorIsOneProblemAtItsLine() throws Exception {
        List<ConfigProblem> problems = problems(write("cloudgate {\n  admin.port = 9090\n  pbx {\n"));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isPositive();
            assertThat(p.key()).isEmpty();
        });
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.conf");

        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class, () -> loader.load(missing));

        assertThat(e.problems()).singleElement().hasToString(missing + ": no such file");
    }

    @Test
    void bindAddressMustBeAnIpLiteral() throws Exception {
        assertThat(problems(write("cloudgate.admin.bind = \"localhost\"\n")))
                .singleElement().extracting(ConfigProblem::key).isEqualTo("cloudgate.admin.bind");
        assertThat(loader.load(write("cloudgate.admin.bind = \"::1\"\n")).admin().bind()).isEqualTo("::1");
    }

    @Test
    void environmentSubstitutionsWork() throws Exception {
        String home = System.getenv("HOME");
        GatewaySettings settings = loader.load(write("cloudgate.pbx.username = ${HOME}\n"));

        assertThat(settings.pbx().username()).isEqualTo(home);
    }

    @Test
    void anUndefinedSubstitutionIsAProblem() {
        assertThatThrownBy(() -> loader.load(write("cloudgate.pbx.host = ${CLOUDGATE_NO_SUCH_VARIABLE}\n")))
                .isInstanceOf(InvalidSettingsException.class);
    }

    @Test
    void theRelaySettingsAreTheDaemonsWithTheDocumentedDefaults() throws Exception {
        GatewaySettings settings = loader.load(write(""));

        assertThat(settings.media().relay().indirectSwitching()).isTrue();
        assertThat(settings.media().relay().portMin()).isEqualTo(20000);
        assertThat(settings.media().relay().portMax()).isEqualTo(29999);
        assertThat(settings.media().relay().mohMode()).isEqualTo(MohMode.GATEWAY);
        assertThat(settings.media().area()).isEqualTo("default");
        assertThat(settings.media().filtersCodecs()).isFalse();
    }

    @Test
    void aBandwidthAreaAndItsCodecsAreRead() throws Exception {
        GatewaySettings settings = loader.load(write("""
                cloudgate.rtp {
                  indirect-switching = false
                  bandwidth-area { name = "branch-office", codecs = [PCMA, G722] }
                  moh.mode = signal
                }
                """));

        assertThat(settings.media().relay().indirectSwitching()).isFalse();
        assertThat(settings.media().area()).isEqualTo("branch-office");
        assertThat(settings.media().codecs()).containsExactlyInAnyOrder("PCMA", "G722");
        assertThat(settings.media().relay().mohMode()).isEqualTo(MohMode.SIGNAL);
    }

    @Test
    void relayMistakesAreNamedByFileLineAndKey() throws Exception {
        List<ConfigProblem> problems = problems(write("""
                cloudgate.rtp {
                  port-min = 30000
                  port-max = 30001
                  advertised-address = "gateway.example.com"
                  bandwidth-area.codecs = ["PCMA", "telephone-event"]
                  moh.file = "/nonexistent/music.pcma"
                  inactivity-action = hang-up
                  indirect-switchin = true
                }
                """));

        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::key).containsExactly(
                tuple(3, "cloudgate.rtp.port-max"),
                tuple(4, "cloudgate.rtp.advertised-address"),
                tuple(5, "cloudgate.rtp.bandwidth-area.codecs"),
                tuple(6, "cloudgate.rtp.moh.file"),
                tuple(7, "cloudgate.rtp.inactivity-action"),
                tuple(8, "cloudgate.rtp.indirect-switchin"));
        assertThat(problems.get(5).message()).contains("did you mean cloudgate.rtp.indirect-switching?");
    }

    private List<ConfigProblem> problems(Path file) {
        return catchThrowableOfType(InvalidSettingsException.class, () -> loader.load(file)).problems();
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "cloudgate", ".conf");
        return Files.writeString(file, text);
    }
}
