package dev.halyard.benchmarks.load;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;

/**
 * Text on the chart: the platform's sans-serif font when AWT has one, else {@link PixelFont}.
 * {@code -Dhalyard.chart.pixelFont=true} forces the fallback, to see what a machine without
 * fonts gets.
 */
final class Lettering {

    private final Graphics2D graphics;
    private final FontMetrics metrics;
    private final PixelFont pixels;

    private Lettering(Graphics2D graphics, FontMetrics metrics, PixelFont pixels) {
        this.graphics = graphics;
        this.metrics = metrics;
        this.pixels = pixels;
    }

    static Lettering on(Graphics2D graphics, int size) {
        if (!Boolean.getBoolean("halyard.chart.pixelFont")) {
            try {
                graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
                FontMetrics metrics = graphics.getFontMetrics();
                graphics.drawString("", 0, 0); // the font machinery fails here when there are no fonts
                return new Lettering(graphics, metrics, null);
            } catch (RuntimeException | Error e) {
                // Without fontconfig fonts the JDK throws NullPointerException or InternalError
                // from its font manager; a chart with plainer letters beats no chart.
            }
        }
        return new Lettering(graphics, null, new PixelFont(Math.max(1, size / 8)));
    }

    int width(String text) {
        return pixels != null ? pixels.width(text) : metrics.stringWidth(text);
    }

    int height() {
        return pixels != null ? pixels.height() : metrics.getAscent();
    }

    void draw(String text, int x, int baseline) {
        if (pixels != null) {
            pixels.draw(graphics, text, x, baseline);
        } else {
            graphics.drawString(text, x, baseline);
        }
    }

    void drawCentred(String text, int centre, int baseline) {
        draw(text, centre - width(text) / 2, baseline);
    }
}
