// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.samples.orders;

import jakarta.websocket.Encoder;

/** Writes {@code receipt=1;item=apple;quantity=3}. */
public class ReceiptEncoder implements Encoder.Text<Receipt> {

    @Override
    public String encode(Receipt receipt) {
        return "receipt=" + receipt.number() + ";item=" + receipt.order().item() + ";quantity=" + receipt.order().quantity();
    }
}
