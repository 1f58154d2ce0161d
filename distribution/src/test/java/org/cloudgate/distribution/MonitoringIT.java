package org.cloudgate.distribution;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The Prometheus alert rules and the Grafana dashboard shipped in {@code src/main/monitoring}:
 * promtool accepts the rules, the dashboard is JSON with a templated data source, and every
 * metric either of them queries is served by the running daemon.
 */
@Timeout(120)
class MonitoringIT {

    private static final Path MONITORING = Path.of(System.getProperty("cloudgate.sources", "src"), "main/monitoring");
    private static final Path RULES = MONITORING.resolve("cloudgate-alerts.yml");
    private static final Path DASHBOARD = MONITORING.resolve("cloudgate-dashboard.json");
    private static final Path RULE_TESTS = Path.of(System.getProperty("cloudgate.sources", "src"),
            "test/monitoring/cloudgate-alerts-test.yml");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    /** Series Prometheus writes itself for every target, not found on /metrics. */
    private static final Set<String> SYNTHETIC = Set.of("up");
    private static final Pattern RULE_EXPR = Pattern.compile("^(\\s*)(?:- )?expr:\\s*(.*)$");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((?:(.*),)?\\s*\\w+\\s*\\)");

    @TempDir
    Path dir;

    @Test
    void promtoolAcceptsTheAlertRules() throws Exception {
        assertThat(promtool("check", "rules", RULES.toString())).contains("SUCCESS");
    }

    /** Each alert fires on made-up series when it should and stays quiet when it should not. */
    @Test
    void theAlertRulesPassTheirPromtoolUnitTests() throws Exception {
        assertThat(promtool("test", "rules", RULE_TESTS.toString())).contains("SUCCESS");
    }

    @Test
    void theDashboardIsJsonWithATemplatedPrometheusDataSource() {
        Config dashboard = dashboard();
        assertThat(dashboard.getString("title")).isEqualTo("cloudgate");
        assertThat(dashboard.getConfigList("templating.list"))
                .anySatisfy(variable -> {
                    assertThat(variable.getString("name")).isEqualTo("datasource");
                    assertThat(variable.getString("type")).isEqualTo("datasource");
                    assertThat(variable.getString("query")).isEqualTo("prometheus");
                });
        List<? extends Config> panels = queryPanels(dashboard);
        assertThat(panels).hasSizeGreaterThanOrEqualTo(11);
        assertThat(panels).allSatisfy(panel -> {
            assertThat(panel.getString("datasource.uid")).as(panel.getString("title")).isEqualTo("${datasource}");
            assertThat(panel.getConfigList("targets")).as(panel.getString("title")).isNotEmpty()
                    .allSatisfy(target -> assertThat(target.getString("expr")).isNotBlank());
        });
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsQueryIsServedByTheDaemon() throws Exception {
        Map<String, Set<String>> users = new TreeMap<>();
        for (String expression : dashboardExpressions()) {
            PromQlNames.in(expression).forEach(name -> users.computeIfAbsent(name, n -> new TreeSet<>()).add("dashboard"));
        }
        for (String expression : ruleExpressions()) {
            PromQlNames.in(expression).forEach(name -> users.computeIfAbsent(name, n -> new TreeSet<>()).add("alerts"));
        }
        assertThat(users).containsKeys("cloudgate_ready", "cloudgate_config_reloads_total",
                "process_resident_memory_bytes", "netty_eventexecutor_tasks_pending");
        users.keySet().removeAll(SYNTHETIC);

        Path config = Files.writeString(dir.resolve("cloudgate.conf"), "cloudgate.admin.port = 0\n");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
            URI metrics = URI.create(daemon.awaitReady() + "/metrics");
            Set<String> served = new TreeSet<>();
            // Some series appear only once they have a value: admin request counters after the
            // first scrape, GC pauses after the first collection. Scrape until all are there.
            try {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    String body = http.send(HttpRequest.newBuilder(metrics).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    served.addAll(PrometheusExposition.sampleNames(body));
                    return served.containsAll(users.keySet());
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // the assertion below names what is missing
            }
            Map<String, Set<String>> missing = new TreeMap<>(users);
            missing.keySet().removeAll(served);
            assertThat(missing).as("metrics queried (and by what) but not on /metrics").isEmpty();
        }
    }

    private static String promtool(String... arguments) throws Exception {
        assumeThat(Files.isExecutable(PROMTOOL)).as("promtool (Debian package prometheus, installed by .ci/run)")
                .isTrue();
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(arguments));
        return Command.run(Duration.ofSeconds(30), command.toArray(String[]::new))
                .expectSuccess(String.join(" ", command));
    }

    private static Config dashboard() {
        return ConfigFactory.parseFile(DASHBOARD.toFile(),
                ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON).setAllowMissing(false));
    }

    private static List<? extends Config> queryPanels(Config dashboard) {
        return dashboard.getConfigList("panels").stream().filter(panel -> !panel.getString("type").equals("row")).toList();
    }

    private static List<String> dashboardExpressions() {
        Config dashboard = dashboard();
        List<String> expressions = new ArrayList<>();
        for (Config panel : queryPanels(dashboard)) {
            panel.getConfigList("targets").forEach(target -> expressions.add(target.getString("expr")));
        }
        for (Config variable : dashboard.getConfigList("templating.list")) {
            if (variable.getString("type").equals("query")) {
                Matcher m = LABEL_VALUES.matcher(variable.getString("definition"));
                assertThat(m.matches()).as(variable.getString("definition")).isTrue();
                if (m.group(1) != null) {
                    expressions.add(m.group(1));
                }
            }
        }
        return expressions;
    }

    /** The expr of each rule, on one line or as a YAML block scalar ("|" or ">") below it. */
    private static List<String> ruleExpressions() throws IOException {
        List<String> lines = Files.readAllLines(RULES);
        List<String> expressions = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = RULE_EXPR.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            String value = m.group(2).trim();
            if (value.startsWith("|") || value.startsWith(">")) {
                int indent = m.group(1).length();
                StringBuilder block = new StringBuilder();
                while (i + 1 < lines.size() && (lines.get(i + 1).isBlank()
                        || lines.get(i + 1).length() - lines.get(i + 1).stripLeading().length() > indent)) {
                    block.append(lines.get(++i).trim()).append(' ');
                }
                value = block.toString();
            } else if (value.length() > 1 && (value.startsWith("\"") || value.startsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            expressions.add(value);
        }
        assertThat(expressions).as("expr lines in " + RULES).isNotEmpty();
        return expressions;
    }
}
