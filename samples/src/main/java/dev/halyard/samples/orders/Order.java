package dev.halyard.samples.orders;

/** An order as the client sends it, in text: {@code item=apple;quantity=3}. */
public record Order(String item, int quantity) {
}
