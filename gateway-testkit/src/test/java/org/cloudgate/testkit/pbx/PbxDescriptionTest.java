package org.cloudgate.testkit.pbx;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PbxDescriptionTest {

    @Test
    void theUsersAreTheExtensionsPeopleInOrder() {
        PbxDescription description = PbxDescription.builder()
                .extension("201", "Alice Example", "alice@example.com", ExtensionBehaviour.ANSWER)
                .extension("202", "Bob Example", "bob@example.com", ExtensionBehaviour.BUSY)
                .build();

        assertThat(description.users()).containsExactly(new PbxUser("201", "Alice Example", "alice@example.com"),
                new PbxUser("202", "Bob Example", "bob@example.com"));
        assertThat(description.extension("202").behaviour()).isEqualTo(ExtensionBehaviour.BUSY);
        assertThat(description.extension("203")).isNull();
    }

    @Test
    void anExtensionTwiceOrOnTheOutgoingRoutePrefixIsRefused() {
        assertThatThrownBy(() -> PbxDescription.builder()
                .extension("201", "A", "a@example.com", ExtensionBehaviour.ECHO)
                .extension("201", "B", "b@example.com", ExtensionBehaviour.ECHO).build())
                .hasMessageContaining("201 is listed twice");
        assertThatThrownBy(() -> PbxDescription.builder()
                .extension("0201", "A", "a@example.com", ExtensionBehaviour.ECHO).build())
                .hasMessageContaining("outgoing route prefix 0");
    }

    @Test
    void aUserNeedsDigitsANameAndAnEmail() {
        assertThatThrownBy(() -> new PbxUser("2a1", "A", "a@example.com")).hasMessageContaining("digits");
        assertThatThrownBy(() -> new PbxUser("201", " ", "a@example.com")).hasMessageContaining("name");
        assertThatThrownBy(() -> new PbxUser("201", "A", "nobody")).hasMessageContaining("e-mail");
    }

    @Test
    void theTrunkRoutesByPrefixAndAnswers200OrAFailure() {
        TrunkRoute route = new TrunkRoute("0", 200);

        assertThat(route.routes("0791112233")).isTrue();
        assertThat(route.routes("201")).isFalse();
        assertThatThrownBy(() -> new TrunkRoute("0", 180)).hasMessageContaining("180");
    }

    @Test
    void eachBehaviourHasItsDefaultDelay() {
        assertThat(Extension.of("201", "A", "a@example.com", ExtensionBehaviour.RING).delay())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(Extension.of("201", "A", "a@example.com", ExtensionBehaviour.ECHO).delay()).isZero();
    }

    @Test
    void theCommandLineNamesExtensionsWithBehaviourAndDelay() {
        PbxDescription description = SimulatedPbxMain.parse(new String[] {"--port", "5070", "--username", "gw",
            "--password", "pw", "--extension", "301:Zoe Example:zoe@example.com:no-answer:1500"});

        assertThat(description.port()).isEqualTo(5070);
        assertThat(description.username()).isEqualTo("gw");
        assertThat(description.extensions()).singleElement().satisfies(extension -> {
            assertThat(extension.behaviour()).isEqualTo(ExtensionBehaviour.NO_ANSWER);
            assertThat(extension.delay()).isEqualTo(Duration.ofMillis(1500));
        });
        assertThat(SimulatedPbxMain.parse(new String[0]).extensions()).hasSize(5);
        assertThatThrownBy(() -> SimulatedPbxMain.parse(new String[] {"--extension", "301:Z:z@example.com:dance"}))
                .hasMessageContaining("unknown behaviour dance");
        assertThatThrownBy(() -> SimulatedPbxMain.parse(new String[] {"--port"})).hasMessageContaining("needs a value");
    }
}
