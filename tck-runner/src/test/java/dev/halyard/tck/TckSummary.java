// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.tck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * Reads the Surefire reports of the TCK runs and prints one line per container, so that a reader of
 * a build log sees conformance at a glance. Run by the build at {@code verify}, after both containers:
 * Surefire itself ignores TCK failures so that both always run, and this decides the build's outcome.
 *
 * <p>Arguments: the reports folder (one subfolder per container), the file to write the lines to,
 * {@code tomcat=<skipped?>}, {@code jetty=<skipped?>}, {@code ignoreFailures=<true|false>} and
 * {@code version=<the TCK's version>}, which each line names (2.2.0, or 2.3.0-M2 with -Pwebsocket-2.3). Exits
 * with 1 when a container that ran had a failure or an error (unless failures are ignored), or when
 * one that should have run left no report at all.
 */
public final class TckSummary {

    /** The counts of one container's run, summed over its report files. */
    record Counts(int tests, int failures, int errors, int skipped) {
        int passed() {
            return tests - failures - errors - skipped;
        }

        Counts plus(Counts other) {
            return new Counts(tests + other.tests, failures + other.failures, errors + other.errors, skipped + other.skipped);
        }
    }

    private static final Map<String, String> CONTAINERS = Map.of(
            "tomcat", "embedded Tomcat 11",
            "jetty", "embedded Jetty 12.1");

    private TckSummary() {
    }

    public static void main(String[] args) throws Exception {
        Path reports = Path.of(args[0]);
        Path summaryFile = Path.of(args[1]);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            options.put(pair[0], pair[1]);
        }
        boolean ignoreFailures = Boolean.parseBoolean(options.getOrDefault("ignoreFailures", "false"));
        String tck = "TCK " + options.getOrDefault("version", "(version unknown)");
        List<String> lines = new ArrayList<>();
        boolean failed = false;
        for (String container : List.of("tomcat", "jetty")) {
            String name = CONTAINERS.get(container);
            if (Boolean.parseBoolean(options.getOrDefault(container, "false"))) {
                lines.add(tck + " on " + name + ": not run (-Dtck.skip" + Character.toUpperCase(container.charAt(0))
                        + container.substring(1) + ")");
                continue;
            }
            Counts counts = read(reports.resolve(container));
            if (counts.tests() == 0) {
                lines.add(tck + " on " + name + ": NO TESTS RAN (no report in " + reports.resolve(container) + ")");
                failed = true;
                continue;
            }
            lines.add(line(tck, name, counts));
            failed |= !ignoreFailures && counts.failures() + counts.errors() > 0;
        }
        Files.createDirectories(summaryFile.toAbsolutePath().getParent());
        Files.write(summaryFile, lines, StandardCharsets.UTF_8);
        System.out.println();
        lines.forEach(System.out::println);
        System.out.println();
        if (failed) {
            System.out.println("The TCK run failed: the reports are in " + reports
                    + (ignoreFailures ? "" : " (-Dtck.testFailureIgnore=true makes failures a report only)"));
            System.exit(1);
        }
    }

    static String line(String tck, String container, Counts counts) {
        return tck + " on " + container + ": " + counts.passed() + " passed, " + counts.failures() + " failed, "
                + counts.errors() + " errors, " + counts.skipped() + " skipped of " + counts.tests();
    }

    /** Sums the {@code testsuite} attributes of every {@code TEST-*.xml} in the folder; zero counts when there is none. */
    static Counts read(Path folder) throws Exception {
        Counts total = new Counts(0, 0, 0, 0);
        if (!Files.isDirectory(folder)) {
            return total;
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "TEST-*.xml")) {
            for (Path file : files) {
                Element suite = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
                total = total.plus(new Counts(count(suite, "tests", file), count(suite, "failures", file),
                        count(suite, "errors", file), count(suite, "skipped", file)));
            }
        }
        return total;
    }

    private static int count(Element suite, String attribute, Path file) throws IOException {
        String value = suite.getAttribute(attribute);
        if (value.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IOException("Attribute " + attribute + "=\"" + value + "\" of " + file + " is not a count", e);
        }
    }
}
