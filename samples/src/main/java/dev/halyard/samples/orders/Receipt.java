// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.samples.orders;

/** The answer to an order, sent as text: {@code receipt=1;item=apple;quantity=3}. */
public record Receipt(long number, Order order) {
}
