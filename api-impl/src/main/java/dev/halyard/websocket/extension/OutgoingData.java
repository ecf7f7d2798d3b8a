// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.extension;

import java.nio.ByteBuffer;

/**
 * One outgoing data frame as the extensions see it: the frame the application's message became,
 * or what an extension made of it, with the RSV bits the extensions set.
 */
public record OutgoingData(int opcode, boolean fin, int rsv, ByteBuffer payload) {
}
