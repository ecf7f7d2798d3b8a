// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

import java.security.SecureRandom;
import java.util.function.IntSupplier;

/**
 * Fresh, unpredictable masking keys (RFC 6455 §10.3) without a {@link SecureRandom} call per frame:
 * each instance draws 256 bytes (64 keys) at a time from one shared {@code SecureRandom}. One
 * instance per connection; not thread-safe, like the writer that owns it.
 */
public final class MaskKeys implements IntSupplier {

    private static final SecureRandom SOURCE = new SecureRandom();
    private static final int POOL_BYTES = 256;

    private final byte[] pool = new byte[POOL_BYTES];
    private int next = POOL_BYTES;

    @Override
    public int getAsInt() {
        if (next == POOL_BYTES) {
            SOURCE.nextBytes(pool);
            next = 0;
        }
        int key = (pool[next] & 0xFF) << 24 | (pool[next + 1] & 0xFF) << 16
                | (pool[next + 2] & 0xFF) << 8 | (pool[next + 3] & 0xFF);
        next += 4;
        return key;
    }
}
