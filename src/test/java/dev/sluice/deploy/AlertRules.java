package dev.sluice.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The alerting rules of a rendered PrometheusRule, by alert name in the order they are written. */
final class AlertRules {

    private AlertRules() {
    }

    static Map<String, Tree> byName(Tree prometheusRule) {
        Map<String, Tree> rules = new LinkedHashMap<>();
        for (Tree group : prometheusRule.at("spec", "groups").list()) {
            for (Tree rule : group.at("rules").list()) {
                rules.put(rule.at("alert").string(), rule);
            }
        }
        return rules;
    }

    /** The PromQL of every rule. */
    static List<String> expressions(Tree prometheusRule) {
        return byName(prometheusRule).values().stream().map(rule -> rule.at("expr").string()).toList();
    }
}
