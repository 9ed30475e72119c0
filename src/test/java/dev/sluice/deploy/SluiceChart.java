package dev.sluice.deploy;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Runs {@code helm template} and {@code helm lint} on {@code helm/sluice} through helm-java,
 * which embeds Helm as a native library: no helm binary and no cluster needed.
 */
final class SluiceChart {

    static final Path CHART = Path.of("helm", "sluice");
    static final Path SCALED_VALUES = Path.of("src", "test", "resources", "deploy", "scaled-values.yaml");
    static final String RELEASE = "prod";
    static final String FULLNAME = "prod-sluice";
    /** A current cluster version; helm-java's default (1.20) predates the chart's kubeVersion. */
    static final String KUBE_VERSION = "1.31.0";

    private SluiceChart() {
    }

    /** Renders the chart; a {@code fail} in a template surfaces as an IllegalStateException. */
    static String template(List<Path> valuesFiles, Map<String, Object> sets) {
        TemplateCommand command = new Helm(CHART).template()
                .withName(RELEASE)
                .withNamespace("sluice")
                .withKubeVersion(KUBE_VERSION);
        for (Path valuesFile : valuesFiles) {
            command = command.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return command.call();
    }

    static KubeObjects render(List<Path> valuesFiles, Map<String, Object> sets) {
        return KubeObjects.parse(template(valuesFiles, sets), "helm template");
    }

    static KubeObjects render(Path valuesFile, Map<String, Object> sets) {
        return render(List.of(valuesFile), sets);
    }

    static KubeObjects render(Map<String, Object> sets) {
        return render(List.of(), sets);
    }

    /** The release notes (NOTES.txt) a client-only dry-run install prints. */
    static String notes(Path valuesFile, Map<String, Object> sets) {
        InstallCommand command = new Helm(CHART).install()
                .withName(RELEASE)
                .withNamespace("sluice")
                .withKubeVersion(KUBE_VERSION)
                .clientOnly()
                .withDryRunOption(DryRun.CLIENT);
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        String output = command.call().getOutput();
        int notes = output.indexOf("NOTES:");
        return notes < 0 ? "" : output.substring(notes);
    }

    /** Lints the chart as it is, with its own values.yaml. */
    static LintResult lint() {
        return new Helm(CHART).lint().strict().call();
    }

    /**
     * Lints a copy of the chart whose values.yaml has the given file merged over it (helm-java's
     * lint takes no values, so the copy carries them), which also validates them against the schema.
     */
    static LintResult lintWith(Path valuesFile, Path workDir) {
        Path copy = copyChart(workDir.resolve("sluice"));
        Map<String, Object> merged = merge(load(copy.resolve("values.yaml")), load(valuesFile));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        write(copy.resolve("values.yaml"), new Yaml(options).dump(merged));
        return new Helm(copy).lint().strict().call();
    }

    private static Path copyChart(Path target) {
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path source : files.toList()) {
                Path destination = target.resolve(CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        overlay.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested && out.get(key) instanceof Map<?, ?> existing) {
                out.put(key, merge((Map<String, Object>) existing, (Map<String, Object>) nested));
            } else {
                out.put(key, value);
            }
        });
        return out;
    }

    private static Map<String, Object> load(Path file) {
        try {
            Map<String, Object> values = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
            return values == null ? Map.of() : values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
