// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

/**
 * What the numbered messages of one size contain: each message is a function of its key (its
 * stream and sequence number), so a sender can write any slice of it and a receiver can check any
 * slice as it arrives, without either keeping what was sent.
 */
interface MessageContent {

    /** The length of every message, in bytes. */
    int size();

    /** Writes bytes [offset, offset + length) of message {@code key} into {@code target}. */
    void copy(long key, int offset, byte[] target, int at, int length);

    /** Whether {@code length} bytes at {@code at} equal bytes [offset, offset + length) of message {@code key}. */
    boolean matches(long key, int offset, byte[] source, int at, int length);
}
