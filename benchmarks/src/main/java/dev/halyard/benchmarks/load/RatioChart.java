package dev.halyard.benchmarks.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A bar chart of the throughput ratios: for each charted figure, one bar per Halyard target,
 * its value over the same container's native one, with a line at 1 (as fast as native).
 * Drawn with java.awt off screen; needs no display (-Djava.awt.headless=true) and no fonts.
 */
final class RatioChart {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 560;
    private static final int LEFT = 70;
    private static final int RIGHT = 30;
    private static final int TOP = 70;
    private static final int BOTTOM = 120;
    private static final Color[] BAR_COLOURS = {new Color(0x2E6DB4), new Color(0xE08A1E)};

    private RatioChart() {
    }

    static void write(Comparison comparison, Path file) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(comparison, g);
        } finally {
            g.dispose();
        }
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the chart to " + file + " failed", e);
        }
    }

    private static void draw(Comparison comparison, Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        List<Target> halyards = comparison.targets().stream()
                .filter(t -> t.halyard() && comparison.targets().contains(t.baseline())).toList();
        List<Comparison.Figure> figures = comparison.figures().stream().filter(Comparison.Figure::charted).toList();
        double top = 1.2;
        for (Comparison.Figure figure : figures) {
            for (Target target : halyards) {
                Double ratio = comparison.ratio(figure, target);
                top = ratio == null ? top : Math.max(top, ratio * 1.1);
            }
        }
        top = Math.ceil(top * 4) / 4;
        Lettering title = Lettering.on(g, 18);
        g.setColor(Color.BLACK);
        title.draw("Halyard's throughput over the container's own WebSocket (native = 1)", LEFT, 35);
        Lettering small = Lettering.on(g, 12);
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int plotWidth = WIDTH - LEFT - RIGHT;
        double step = top > 3 ? 0.5 : 0.25;
        for (double tick = 0; tick <= top + 1e-9; tick += step) {
            int y = TOP + plotHeight - (int) Math.round(tick / top * plotHeight);
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(LEFT, y, LEFT + plotWidth, y);
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, "%.2f", tick);
            small.draw(label, LEFT - 8 - small.width(label), y + small.height() / 2);
        }
        int groups = Math.max(1, figures.size());
        int groupWidth = plotWidth / groups;
        int barWidth = Math.max(8, groupWidth / (halyards.size() + 2));
        for (int i = 0; i < figures.size(); i++) {
            int groupLeft = LEFT + i * groupWidth;
            int barsLeft = groupLeft + (groupWidth - barWidth * halyards.size()) / 2;
            for (int j = 0; j < halyards.size(); j++) {
                Double ratio = comparison.ratio(figures.get(i), halyards.get(j));
                if (ratio == null) {
                    continue;
                }
                int height = (int) Math.round(Math.min(ratio, top) / top * plotHeight);
                int x = barsLeft + j * barWidth;
                g.setColor(BAR_COLOURS[j % BAR_COLOURS.length]);
                g.fillRect(x + 2, TOP + plotHeight - height, barWidth - 4, height);
                g.setColor(Color.BLACK);
                small.drawCentred(String.format(Locale.ROOT, "%.2f", ratio), x + barWidth / 2, TOP + plotHeight - height - 4);
            }
            g.setColor(Color.BLACK);
            List<String> lines = wrap(figures.get(i).name(), small, groupWidth - 8);
            for (int k = 0; k < lines.size(); k++) {
                small.drawCentred(lines.get(k), groupLeft + groupWidth / 2, TOP + plotHeight + 20 + k * (small.height() + 5));
            }
        }
        g.setColor(new Color(0xC0392B));
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
        int one = TOP + plotHeight - (int) Math.round(1.0 / top * plotHeight);
        g.drawLine(LEFT, one, LEFT + plotWidth, one);
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotHeight);
        g.drawLine(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight);
        int legendX = LEFT;
        for (int j = 0; j < halyards.size(); j++) {
            g.setColor(BAR_COLOURS[j % BAR_COLOURS.length]);
            g.fillRect(legendX, HEIGHT - 28, 14, 14);
            g.setColor(Color.BLACK);
            String label = halyards.get(j).label() + " / " + halyards.get(j).baseline().label();
            small.draw(label, legendX + 20, HEIGHT - 16);
            legendX += 20 + small.width(label) + 30;
        }
    }

    /** Splits a label into lines no wider than {@code width}, at spaces. */
    private static List<String> wrap(String text, Lettering lettering, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String longer = line.length() == 0 ? word : line + " " + word;
            if (lettering.width(longer) > width && line.length() > 0) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(longer);
            }
        }
        lines.add(line.toString());
        return lines;
    }
}
