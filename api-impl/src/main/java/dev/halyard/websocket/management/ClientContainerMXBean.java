// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.management;

/**
 * A client container, {@code dev.halyard.websocket:type=ClientContainer,id=N}, N as in its thread
 * names ({@code halyard-client-N}). Registered while the container has connections: from its first
 * until its selector thread ends, a couple of seconds after the last one closed, or at its close.
 * Its counts go on from where they were when it registers again.
 */
public interface ClientContainerMXBean extends SessionTraffic {

    /** N of the container's name and threads. */
    int getId();
}
