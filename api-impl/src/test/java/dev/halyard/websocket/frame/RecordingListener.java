// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins the pieces of each data frame back into a {@link WireFrame} and records control frames,
 * checking on the way that every piece of a frame repeats the same header values.
 */
final class RecordingListener implements FrameListener {

    final List<WireFrame> frames = new ArrayList<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private int pendingOpcode = -1;
    private boolean pendingFin;
    private int pendingRsv;

    @Override
    public void onDataFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, boolean frameEnd) {
        if (pendingOpcode >= 0) {
            assertThat(new WireFrame(opcode, fin, rsv, "")).as("every piece of a frame has its header")
                    .isEqualTo(new WireFrame(pendingOpcode, pendingFin, pendingRsv, ""));
        }
        pendingOpcode = opcode;
        pendingFin = fin;
        pendingRsv = rsv;
        byte[] piece = new byte[payload.remaining()];
        payload.get(payload.position(), piece);
        pending.writeBytes(piece);
        if (frameEnd) {
            frames.add(WireFrame.of(opcode, fin, rsv, pending.toByteArray()));
            pending.reset();
            pendingOpcode = -1;
        }
    }

    @Override
    public void onControlFrame(int opcode, ByteBuffer payload) {
        assertThat(pendingOpcode).as("control frame inside a data frame's payload").isEqualTo(-1);
        byte[] bytes = new byte[payload.remaining()];
        payload.get(payload.position(), bytes);
        frames.add(WireFrame.of(opcode, true, 0, bytes));
    }
}
