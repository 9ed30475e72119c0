package dev.sluice.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kubernetes objects of one or more multi-document YAML texts. Parsing already checks what
 * every object needs to be applied: {@code apiVersion}, {@code kind} and {@code metadata.name}.
 */
final class KubeObjects {

    private final List<Tree> objects;

    private KubeObjects(List<Tree> objects) {
        this.objects = List.copyOf(objects);
    }

    static KubeObjects parse(String yaml, String origin) {
        return new KubeObjects(parseInto(new ArrayList<>(), yaml, origin));
    }

    KubeObjects plus(String yaml, String origin) {
        return new KubeObjects(parseInto(new ArrayList<>(objects), yaml, origin));
    }

    private static List<Tree> parseInto(List<Tree> out, String yaml, String origin) {
        Yaml parser = new Yaml(new SafeConstructor(new LoaderOptions()));
        int index = 0;
        for (Object document : parser.loadAll(yaml)) {
            index++;
            if (document == null) {
                continue; // an empty document, e.g. a template whose condition is off
            }
            Tree object = Tree.root(document, origin + "#" + index);
            if (!(document instanceof Map)) {
                fail(object.path() + " is not a mapping");
            }
            for (String field : List.of("apiVersion", "kind")) {
                if (!object.has(field) || object.at(field).string().isBlank()) {
                    fail(object.path() + " has no " + field);
                }
            }
            if (object.at("metadata", "name").string().isBlank()) {
                fail(object.path() + " has an empty metadata.name");
            }
            out.add(new Tree(document, origin + ":" + object.at("kind").string() + "/"
                    + object.at("metadata", "name").string()));
        }
        return out;
    }

    List<Tree> all() {
        return objects;
    }

    List<Tree> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.at("kind").string())).toList();
    }

    /** The only object of that kind; fails when there is none or more than one. */
    Tree one(String kind) {
        List<Tree> found = ofKind(kind);
        assertEquals(1, found.size(), "expected exactly one " + kind + " but found " + found.size());
        return found.get(0);
    }

    Tree named(String kind, String name) {
        return ofKind(kind).stream()
                .filter(o -> name.equals(o.at("metadata", "name").string()))
                .findFirst()
                .orElseGet(() -> fail("no " + kind + " named " + name));
    }

    List<String> kinds() {
        return objects.stream().map(o -> o.at("kind").string()).sorted().toList();
    }
}
