package org.cloudgate.core.config;

import org.cloudgate.core.api.security.Scope;
import org.cloudgate.core.api.security.TokenHash;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One bearer token of the northbound API ({@code cloudgate.api.tokens}): its name (for logs and
 * metrics, never the token), the salted hash of the token, its scopes and its rate limit.
 *
 * @param scope             the widest of the configured scopes; each includes the narrower ones
 * @param requestsPerSecond the sustained request rate the token may use
 * @param burst             how many requests it may send at once above that rate
 */
public record ApiTokenSettings(String name, TokenHash hash, Scope scope, double requestsPerSecond, int burst) {

    static final Set<String> KEYS = Set.of("name", "hash", "scopes", "rate-limit");
    static final double DEFAULT_RATE = 10;
    static final int DEFAULT_BURST = 20;

    static ApiTokenSettings read(SettingsReader r) {
        String name = r.requiredString("name", "names the token in logs and metrics");
        if (!name.isEmpty() && !name.matches("[A-Za-z0-9._-]{1,64}")) {
            r.reject("name", "\"" + name + "\" is not a token name: letters, digits, '.', '_' and '-', at most 64");
        }
        String stored = r.requiredString("hash", "the output of \"cloudgate token-hash\"");
        TokenHash hash = null;
        if (!stored.isBlank()) {
            try {
                hash = TokenHash.parse(stored);
            } catch (IllegalArgumentException e) {
                r.reject("hash", e.getMessage());
            }
        }
        Scope scope = Scope.READ;
        if (!r.isSet("scopes")) {
            r.reject("scopes", "missing required key (read, control or admin)");
        } else {
            if (r.stringList("scopes").isEmpty()) {
                r.reject("scopes", "must name at least one of read, control, admin");
            } else {
                List<Scope> scopes = r.enumList("scopes", Scope.class);
                scope = scopes.isEmpty() ? Scope.READ : EnumSet.copyOf(scopes).stream().max(Enum::compareTo).orElseThrow();
            }
        }
        double rate = DEFAULT_RATE;
        int burst = DEFAULT_BURST;
        if (r.isSet("rate-limit")) {
            rate = r.integer("rate-limit.requests-per-second", 1, 100_000);
            burst = (int) r.integer("rate-limit.burst", 1, 100_000);
        }
        return new ApiTokenSettings(name, hash, scope, rate, burst);
    }

    @Override
    public String toString() {
        return "ApiTokenSettings[name=" + name + ", scope=" + scope.label() + ", rate=" + requestsPerSecond
                + "/s, burst=" + burst + "]";
    }
}
