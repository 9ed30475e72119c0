package dev.sluice.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A read-only view of a parsed YAML value with path navigation, so assertions read like the
 * manifests they check ({@code deployment.at("spec", "template", "spec")}) and a missing field
 * fails with the path that was missing instead of a NullPointerException.
 */
record Tree(Object value, String path) {

    static Tree root(Object value, String origin) {
        return new Tree(value, origin);
    }

    Tree at(String... keys) {
        Tree node = this;
        for (String key : keys) {
            node = node.child(key);
        }
        return node;
    }

    private Tree child(String key) {
        if (!(value instanceof Map<?, ?> map)) {
            return fail(path + " is not a mapping, cannot read ." + key);
        }
        if (!map.containsKey(key)) {
            return fail(path + "." + key + " is missing");
        }
        return new Tree(map.get(key), path + "." + key);
    }

    boolean has(String key) {
        return value instanceof Map<?, ?> map && map.containsKey(key);
    }

    String string() {
        if (value == null) {
            return fail(path + " is null");
        }
        return String.valueOf(value);
    }

    int integer() {
        if (value instanceof Number n) {
            return n.intValue();
        }
        return fail(path + " is not a number: " + value);
    }

    boolean bool() {
        if (value instanceof Boolean b) {
            return b;
        }
        return fail(path + " is not a boolean: " + value);
    }

    List<Tree> list() {
        if (!(value instanceof List<?> items)) {
            return fail(path + " is not a list: " + value);
        }
        List<Tree> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(new Tree(items.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map() {
        if (!(value instanceof Map<?, ?> map)) {
            return fail(path + " is not a mapping: " + value);
        }
        return (Map<String, Object>) map;
    }

    /** The element of a list of named objects (containers, ports, env vars, volumes) with that name. */
    Tree named(String name) {
        return list().stream()
                .filter(item -> item.has("name") && name.equals(item.at("name").string()))
                .findFirst()
                .orElseGet(() -> fail(path + " has no element named " + name));
    }

    boolean hasNamed(String name) {
        return list().stream().anyMatch(item -> item.has("name") && name.equals(item.at("name").string()));
    }
}
