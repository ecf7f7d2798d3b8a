// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

/**
 * The load generator and the comparison it runs: Halyard against Tomcat's and Jetty's own
 * WebSocket, each target a server in a JVM of its own ({@link dev.halyard.benchmarks.load.CompareRunner}).
 *
 * <p>The generator stays independent of the code it measures. It speaks raw RFC 6455 over
 * non-blocking sockets, with its own handshake, framing, masking and permessage-deflate, and
 * imports nothing from Halyard ({@code dev.halyard.websocket}) nor from Jakarta WebSocket, so
 * that every target, Halyard or native, meets the same client and is checked by code none of
 * them shares. Halyard and the servers appear here only as class names handed to the target
 * JVMs ({@link dev.halyard.benchmarks.load.Target}, {@link dev.halyard.benchmarks.load.TargetProcess}).
 */
package dev.halyard.benchmarks.load;
