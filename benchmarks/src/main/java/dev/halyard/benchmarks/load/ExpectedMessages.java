// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

/**
 * What one connection must receive, checked slice by slice as it arrives: the numbered messages
 * of one stream, from number 0, in order, each of the expected type, length and bytes. A
 * message that differs in any way counts as corrupt; the one after it is expected to be the next
 * number all the same. With nothing expected ({@link #nothing()}), every message counts as
 * corrupt. Nothing is kept of what arrived: a message is a function of its number.
 */
final class ExpectedMessages {


    private final MessageContent content;
    private final int opcode;
    private final int stream;
    private long nextSequence;
    private long offset; // bytes of the current message received so far
    private boolean intactSoFar;
    private long intact;
    private long corrupt;

    /** The messages of {@code content} numbered in {@code stream}, as frames of {@code opcode}. */
    ExpectedMessages(MessageContent content, int opcode, int stream) {
        this.content = content;
        this.opcode = opcode;
        this.stream = stream;
    }

    /** For a connection that must receive no message at all. */
    static ExpectedMessages nothing() {
        return new ExpectedMessages(null, 0, 0);
    }

    void start(int messageOpcode) {
        offset = 0;
        intactSoFar = content != null && messageOpcode == opcode;
    }

    void payload(byte[] bytes, int at, int length) {
        if (intactSoFar) {
            intactSoFar = offset + length <= content.size()
                    && content.matches(MessagePattern.key(stream, nextSequence), (int) offset, bytes, at, length);
        }
        offset += length;
    }

    /** Counts the message that ends; returns whether its type, length and every byte were as expected. */
    boolean end() {
        boolean whole = intactSoFar && offset == content.size();
        nextSequence++;
        if (whole) {
            intact++;
        } else {
            corrupt++;
        }
        return whole;
    }

    long intact() {
        return intact;
    }

    long corrupt() {
        return corrupt;
    }
}
