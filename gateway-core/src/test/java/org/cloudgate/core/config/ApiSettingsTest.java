package org.cloudgate.core.config;

import org.cloudgate.core.api.security.Scope;
import org.cloudgate.core.api.security.TokenHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class ApiSettingsTest {

    @TempDir
    Path dir;

    private final SettingsLoader loader = new SettingsLoader();
    private final String hash = TokenHash.create("a-token-of-twenty-chars", TokenHash.MIN_ITERATIONS,
            new SecureRandom()).encoded();

    @Test
    void theApiIsOffByDefaultOnLoopbackWithoutTokens() throws Exception {
        ApiSettings api = loader.load(write("")).api();
        assertThat(api.enabled()).isFalse();
        assertThat(api.bind()).isEqualTo("127.0.0.1");
        assertThat(api.port()).isEqualTo(8080);
        assertThat(api.tls()).isFalse();
        assertThat(api.maxBody()).isEqualTo(16 * 1024);
        assertThat(api.tokens()).isEmpty();
    }

    @Test
    void tokensAreReadWithTheirWidestScopeAndRateLimit() throws Exception {
        ApiSettings api = loader.load(write("""
                cloudgate.api {
                  enabled = true
                  tokens = [
                    { name = "backend", hash = "%s", scopes = [read, control], rate-limit { requests-per-second = 5, burst = 7 } }
                    { name = "dashboard", hash = "%s", scopes = [read] }
                  ]
                }
                """.formatted(hash, hash))).api();
        assertThat(api.tokens()).extracting(ApiTokenSettings::name, ApiTokenSettings::scope,
                ApiTokenSettings::requestsPerSecond, ApiTokenSettings::burst).containsExactly(
                tuple("backend", Scope.CONTROL, 5.0, 7),
                tuple("dashboard", Scope.READ, 10.0, 20));
        assertThat(api.tokens().get(0).hash().matches("a-token-of-twenty-chars")).isTrue();
        assertThat(api.tokens().get(0).toString()).doesNotContain(hash.substring(hash.lastIndexOf('$') + 1));
    }

    @Test
    void mistakesAreNamedByFileLineAndKeyAndNoHashIsRepeated() throws Exception {
        List<ConfigProblem> problems = problems(write("""
                cloudgate.api {
                  enabled = true
                  bind = "api.example.com"
                  tls { enabled = true, certificate = "/nonexistent/api.pem" }
                  tokens = [
                    { name = "backend", hash = "my-secret-token", scopes = [read] }
                    { name = "backend", hash = "%s", scopes = [root], rate-limit { burst = 0 } }
                    { name = "no scope", hash = "%s", scope = [read] }
                  ]
                }
                """.formatted(hash, hash)));
        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::key).containsExactly(
                tuple(3, "cloudgate.api.bind"),
                tuple(4, "cloudgate.api.tls.certificate"),
                tuple(4, "cloudgate.api.tls.key"),
                tuple(6, "cloudgate.api.tokens[0].hash"),
                tuple(7, "cloudgate.api.tokens[1].scopes"),
                tuple(7, "cloudgate.api.tokens[1].rate-limit.requests-per-second"),
                tuple(7, "cloudgate.api.tokens[1].rate-limit.burst"),
                tuple(7, "cloudgate.api.tokens[1].name"),
                tuple(8, "cloudgate.api.tokens[2].scope"),
                tuple(8, "cloudgate.api.tokens[2].name"),
                tuple(8, "cloudgate.api.tokens[2].scopes"));
        assertThat(problems).allSatisfy(p -> assertThat(p.toString()).doesNotContain("my-secret-token"));
        assertThat(problems.get(4).message()).contains("unknown value \"root\"");
        assertThat(problems.get(7).message()).contains("already used by cloudgate.api.tokens[0]");
        assertThat(problems.get(10).message()).contains("missing required key");
    }

    @Test
    void anEnabledApiWithoutTokensIsRefused() throws Exception {
        List<ConfigProblem> problems = problems(write("cloudgate.api.enabled = true\n"));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("cloudgate.api.tokens");
            assertThat(p.message()).contains("every request would get 401");
        });
    }

    private List<ConfigProblem> problems(Path file) {
        return catchThrowableOfType(InvalidSettingsException.class, () -> loader.load(file)).problems();
    }

    private Path write(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "cloudgate", ".conf"), text);
    }
}
