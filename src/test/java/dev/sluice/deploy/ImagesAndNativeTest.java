package dev.sluice.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.knuddels.jtokkit.Encodings;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The Dockerfiles and the native-image configuration agree with each other and with the
 * manifests: same working directory (where the ConfigMap is mounted), same ports, non-root users,
 * and the native build gets every resource and initialisation setting the code needs.
 */
class ImagesAndNativeTest {

    private static final Path JVM = Path.of("src", "main", "docker", "Dockerfile.jvm");
    private static final Path NATIVE = Path.of("src", "main", "docker", "Dockerfile.native");
    private static final Path APPLICATION_PROPERTIES = Path.of("src", "main", "resources", "application.properties");
    private static final Path NATIVE_IMAGE_PROPERTIES = Path.of("native-config", "native-image.properties");

    @Test
    void jvmImageRunsTheFastJarAsNonRoot() throws IOException {
        List<String> lines = instructions(JVM);
        assertTrue(lines.contains("COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/"), lines::toString);
        assertTrue(lines.contains("COPY --chown=185 target/quarkus-app/*.jar /deployments/"), lines::toString);
        assertTrue(lines.contains("COPY --chown=185 target/quarkus-app/app/ /deployments/app/"), lines::toString);
        assertTrue(lines.contains("COPY --chown=185 target/quarkus-app/quarkus/ /deployments/quarkus/"), lines::toString);
        assertImageBasics(lines);
    }

    @Test
    void nativeImageRunsTheRunnerAsNonRoot() throws IOException {
        List<String> lines = instructions(NATIVE);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("COPY ") && l.contains("target/*-runner /deployments/application")),
                lines::toString);
        assertImageBasics(lines);
    }

    private static void assertImageBasics(List<String> lines) {
        assertEquals(SluiceWorkload.WORKING_DIR, value(lines, "WORKDIR").replaceAll("/$", ""),
                "the manifests mount config/ below this directory");
        int user = Integer.parseInt(value(lines, "USER"));
        assertNotEquals(0, user, "runs as a numeric non-root user, so runAsNonRoot can verify it");
        assertEquals(List.of(String.valueOf(SluiceWorkload.HTTP_PORT), String.valueOf(SluiceWorkload.MANAGEMENT_PORT)),
                Arrays.asList(value(lines, "EXPOSE").split("\\s+")));
        assertTrue(value(lines, "ENTRYPOINT").length() > 0);
    }

    @Test
    void chartMountsConfigInTheImagesWorkingDirectory() throws IOException {
        List<String> values = Files.readAllLines(SluiceChart.CHART.resolve("values.yaml"));
        assertTrue(values.contains("workingDir: " + SluiceWorkload.WORKING_DIR), "values.yaml workingDir");
    }

    @Test
    void productionProfileServesManagementOnThePortTheManifestsProbe() throws IOException {
        Properties properties = load(APPLICATION_PROPERTIES);
        assertEquals("true", properties.getProperty("%prod.quarkus.management.enabled"));
        assertEquals(String.valueOf(SluiceWorkload.MANAGEMENT_PORT), properties.getProperty("%prod.quarkus.management.port"));
    }

    @Test
    void nativeResourcesIncludeEveryJtokkitVocabularyAndTheSimulatorCorpus() throws Exception {
        List<Pattern> includes = Arrays.stream(load(APPLICATION_PROPERTIES)
                        .getProperty("quarkus.native.resources.includes", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(ImagesAndNativeTest::glob).toList();
        List<String> vocabularies = new ArrayList<>();
        Path jar = Path.of(Encodings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".tiktoken")).forEach(vocabularies::add);
        }
        assertEquals(4, vocabularies.size(), "jtokkit 1.1.0 ships four vocabularies: " + vocabularies);
        List<String> needed = new ArrayList<>(vocabularies);
        needed.add("simulator/corpus.txt");
        Path simulatorResources = Path.of("src", "main", "resources", "simulator");
        if (Files.isDirectory(simulatorResources)) {
            try (Stream<Path> files = Files.walk(simulatorResources)) {
                files.filter(Files::isRegularFile)
                        .forEach(f -> needed.add("simulator/" + simulatorResources.relativize(f).toString().replace('\\', '/')));
            }
        }
        for (String resource : needed) {
            assertTrue(includes.stream().anyMatch(p -> p.matcher(resource).matches()),
                    resource + " is not in quarkus.native.resources.includes");
        }
        assertFalse(includes.stream().anyMatch(p -> p.matcher("application.properties").matches()),
                "the includes stay narrow");
    }

    @Test
    void runtimeInitialisedClassesExist() throws IOException {
        String args = load(NATIVE_IMAGE_PROPERTIES).getProperty("Args");
        List<String> classes = new ArrayList<>();
        for (String arg : args.trim().split("\\s+")) {
            if (arg.startsWith("--initialize-at-run-time=")) {
                classes.addAll(Arrays.asList(arg.substring("--initialize-at-run-time=".length()).split(",")));
            }
        }
        assertTrue(classes.contains("dev.sluice.stream.StreamIds"), "StreamIds' SecureRandom must be seeded at run time");
        for (String name : classes) {
            assertTrue(Files.exists(Path.of("src", "main", "java", name.replace('.', '/') + ".java")),
                    name + " named in native-image.properties does not exist (renamed?)");
        }
    }

    @Test
    void nativeProfileCopiesNativeConfigWhereNativeImageFindsIt() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document pom = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        Element profile = null;
        NodeList profiles = pom.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            Element candidate = (Element) profiles.item(i);
            if ("native".equals(directChildText(candidate, "id"))) {
                profile = candidate;
            }
        }
        assertTrue(profile != null, "pom.xml has a native profile");
        assertEquals("native", text((Element) profile.getElementsByTagName("activation").item(0), "name"));
        assertEquals("true", text(profile, "quarkus.native.enabled"));
        assertEquals("${project.build.outputDirectory}/META-INF/native-image/${project.groupId}/${project.artifactId}",
                text(profile, "outputDirectory"));
        assertEquals("${project.basedir}/native-config", text(profile, "directory"));
        assertEquals("process-resources", text(profile, "phase"));
    }

    private static String directChildText(Element parent, String tag) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && tag.equals(element.getTagName())) {
                return element.getTextContent().trim();
            }
        }
        return null;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        assertEquals(1, nodes.getLength(), "one <" + tag + ">");
        return nodes.item(0).getTextContent().trim();
    }

    /** Quarkus' resource globs: {@code *} stays within a path segment, {@code **} crosses them. */
    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** Dockerfile instructions, one per line, with continuation lines joined and comments dropped. */
    private static List<String> instructions(Path dockerfile) throws IOException {
        String joined = Files.readString(dockerfile).replaceAll("\\\\\\n\\s*", " ");
        return joined.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static String value(List<String> lines, String instruction) {
        List<String> found = lines.stream().filter(l -> l.startsWith(instruction + " ")).toList();
        assertEquals(1, found.size(), "one " + instruction + " in " + lines);
        return found.get(0).substring(instruction.length() + 1).trim();
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file)));
        return properties;
    }
}
