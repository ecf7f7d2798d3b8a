// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.samples.orders;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import java.util.HashMap;
import java.util.Map;

/** Reads {@code item=apple;quantity=3}; anything else is a DecodeException that reaches @OnError. */
public class OrderDecoder implements Decoder.Text<Order> {

    @Override
    public Order decode(String text) throws DecodeException {
        Map<String, String> fields = new HashMap<>();
        for (String field : text.split(";")) {
            String[] pair = field.split("=", 2);
            if (pair.length == 2) {
                fields.put(pair[0].strip(), pair[1].strip());
            }
        }
        String item = fields.get("item");
        if (item == null || item.isEmpty()) {
            throw new DecodeException(text, "An order needs an item, as in item=apple;quantity=3");
        }
        try {
            int quantity = Integer.parseInt(fields.getOrDefault("quantity", "1"));
            if (quantity < 1) {
                throw new DecodeException(text, "The quantity must be at least 1, got " + quantity);
            }
            return new Order(item, quantity);
        } catch (NumberFormatException e) {
            throw new DecodeException(text, "The quantity must be a whole number, got " + fields.get("quantity"), e);
        }
    }

    @Override
    public boolean willDecode(String text) {
        return text.contains("item=");
    }
}
