package dev.halyard.samples.orders;

/** The answer to an order, sent as text: {@code receipt=1;item=apple;quantity=3}. */
public record Receipt(long number, Order order) {
}
