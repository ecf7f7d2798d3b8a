// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.distribution;

import java.io.IOException;
import java.nio.file.Path;

/** A standalone server unpacked from its distribution, onto which the samples WAR is deployed as the README says. */
interface StandaloneServer {

    /** Where the README deploys the WAR: its file name, halyard-samples.war, names the context. */
    String CONTEXT_PATH = "/halyard-samples";

    /** Lays out a fresh server under {@code workDir} with {@code war} deployed and starts it on {@code port} of 127.0.0.1. */
    ServerProcess start(Path war, Path workDir, int port) throws IOException, InterruptedException;

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
