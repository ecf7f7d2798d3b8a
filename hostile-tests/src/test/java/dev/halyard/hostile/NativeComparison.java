// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.hostile;

import dev.halyard.hostile.Attacks.Attack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every attack of {@link HostilePeersTest} once against Halyard on Tomcat and on Jetty and
 * against Tomcat's and Jetty's own WebSocket, and prints a markdown table of the outcomes (also
 * written to target/hostile/comparison.md). Not part of the build:
 *
 * <pre>
 * mvn -B -o -q -pl hostile-tests test-compile
 * mvn -B -o -q -pl hostile-tests dependency:build-classpath -Dmdep.outputFile=/tmp/hostile-cp.txt -Dmdep.includeScope=test
 * java -cp hostile-tests/target/test-classes:$(cat /tmp/hostile-cp.txt) dev.halyard.hostile.NativeComparison [attack-id...]
 * </pre>
 *
 * {@code -Dhostile.kinds=tomcat-halyard,jetty-halyard} limits the run to some kinds; arguments
 * limit it to some attacks, by id (ping-flood, non-reading-30, ...).
 *
 * The native targets get the same halyard.* init parameters, which they ignore: each server runs
 * with its defaults (Tomcat's text message limit is 8 KiB, Jetty's 64 KiB; Jetty closes idle
 * connections after 30 s, Tomcat never). A native server that misbehaves is what is compared
 * against; every wait is bounded, so the run always ends.
 */
public final class NativeComparison {

    private NativeComparison() {
    }

    public static void main(String[] args) throws Exception {
        List<Attack> attacks = new ArrayList<>();
        for (Attack attack : Attack.values()) {
            if (args.length == 0 || List.of(args).contains(attack.id)) {
                attacks.add(attack);
            }
        }
        List<String> kinds = List.of(System.getProperty("hostile.kinds", String.join(",", Target.ALL_KINDS)).split(","));
        Map<Attack, Map<String, Outcome>> results = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (Attack attack : attacks) {
            Map<String, Outcome> row = new LinkedHashMap<>();
            for (String kind : kinds) {
                long attackStart = System.nanoTime();
                Outcome outcome = Attacks.run(kind, attack);
                row.put(kind, outcome);
                System.err.printf("[%4.0f s] %s on %s (%.0f s): %s%n", (System.nanoTime() - start) / 1e9, attack.id, kind,
                        (System.nanoTime() - attackStart) / 1e9, outcome.cell());
                for (String violation : outcome.violations()) {
                    System.err.println("           - " + violation);
                }
            }
            results.put(attack, row);
        }
        StringBuilder table = new StringBuilder();
        table.append("| attack | Halyard on Tomcat | Halyard on Jetty | Tomcat native | Jetty native |\n");
        table.append("|---|---|---|---|---|\n");
        results.forEach((attack, row) -> {
            table.append("| ").append(attack.description);
            for (String kind : Target.ALL_KINDS) {
                table.append(" | ").append(row.containsKey(kind) ? row.get(kind).cell() : "not run");
            }
            table.append(" |\n");
        });
        System.out.println(table);
        Path file = Target.outputDirectory().resolve("comparison.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, table, StandardCharsets.UTF_8);
        System.err.printf("Done in %.0f s; table in %s%n", (System.nanoTime() - start) / 1e9, file);
        System.exit(0);
    }
}
