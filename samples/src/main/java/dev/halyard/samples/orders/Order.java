// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.samples.orders;

/** An order as the client sends it, in text: {@code item=apple;quantity=3}. */
public record Order(String item, int quantity) {
}
