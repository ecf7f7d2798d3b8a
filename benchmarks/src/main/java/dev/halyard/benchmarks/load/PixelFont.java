package dev.halyard.benchmarks.load;

import java.awt.Graphics2D;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A 5×7 capital-letter font drawn with rectangles, for machines where AWT finds no font at all
 * (a headless JDK without fontconfig fonts throws on the first {@code drawString}). Lowercase is
 * drawn as uppercase; characters it lacks are drawn as '?'.
 */
final class PixelFont {

    private static final Map<Character, int[]> GLYPHS = new HashMap<>();

    static {
        glyph('A', "01110 10001 10001 11111 10001 10001 10001");
        glyph('B', "11110 10001 10001 11110 10001 10001 11110");
        glyph('C', "01110 10001 10000 10000 10000 10001 01110");
        glyph('D', "11110 10001 10001 10001 10001 10001 11110");
        glyph('E', "11111 10000 10000 11110 10000 10000 11111");
        glyph('F', "11111 10000 10000 11110 10000 10000 10000");
        glyph('G', "01110 10001 10000 10111 10001 10001 01111");
        glyph('H', "10001 10001 10001 11111 10001 10001 10001");
        glyph('I', "01110 00100 00100 00100 00100 00100 01110");
        glyph('J', "00111 00010 00010 00010 00010 10010 01100");
        glyph('K', "10001 10010 10100 11000 10100 10010 10001");
        glyph('L', "10000 10000 10000 10000 10000 10000 11111");
        glyph('M', "10001 11011 10101 10101 10001 10001 10001");
        glyph('N', "10001 10001 11001 10101 10011 10001 10001");
        glyph('O', "01110 10001 10001 10001 10001 10001 01110");
        glyph('P', "11110 10001 10001 11110 10000 10000 10000");
        glyph('Q', "01110 10001 10001 10001 10101 10010 01101");
        glyph('R', "11110 10001 10001 11110 10100 10010 10001");
        glyph('S', "01111 10000 10000 01110 00001 00001 11110");
        glyph('T', "11111 00100 00100 00100 00100 00100 00100");
        glyph('U', "10001 10001 10001 10001 10001 10001 01110");
        glyph('V', "10001 10001 10001 10001 10001 01010 00100");
        glyph('W', "10001 10001 10001 10101 10101 10101 01010");
        glyph('X', "10001 10001 01010 00100 01010 10001 10001");
        glyph('Y', "10001 10001 10001 01010 00100 00100 00100");
        glyph('Z', "11111 00001 00010 00100 01000 10000 11111");
        glyph('0', "01110 10001 10011 10101 11001 10001 01110");
        glyph('1', "00100 01100 00100 00100 00100 00100 01110");
        glyph('2', "01110 10001 00001 00010 00100 01000 11111");
        glyph('3', "11111 00010 00100 00010 00001 10001 01110");
        glyph('4', "00010 00110 01010 10010 11111 00010 00010");
        glyph('5', "11111 10000 11110 00001 00001 10001 01110");
        glyph('6', "00110 01000 10000 11110 10001 10001 01110");
        glyph('7', "11111 00001 00010 00100 01000 01000 01000");
        glyph('8', "01110 10001 10001 01110 10001 10001 01110");
        glyph('9', "01110 10001 10001 01111 00001 00010 01100");
        glyph(' ', "00000 00000 00000 00000 00000 00000 00000");
        glyph('.', "00000 00000 00000 00000 00000 01100 01100");
        glyph(',', "00000 00000 00000 00000 01100 00100 01000");
        glyph(':', "00000 01100 01100 00000 01100 01100 00000");
        glyph('/', "00000 00001 00010 00100 01000 10000 00000");
        glyph('-', "00000 00000 00000 11111 00000 00000 00000");
        glyph('+', "00000 00100 00100 11111 00100 00100 00000");
        glyph('(', "00010 00100 01000 01000 01000 00100 00010");
        glyph(')', "01000 00100 00010 00010 00010 00100 01000");
        glyph('%', "11000 11001 00010 00100 01000 10011 00011");
        glyph('\'', "00100 00100 01000 00000 00000 00000 00000");
        glyph('=', "00000 00000 11111 00000 11111 00000 00000");
        glyph('×', "00000 10001 01010 00100 01010 10001 00000");
        glyph('?', "01110 10001 00001 00010 00100 00000 00100");
    }

    private final int scale;

    /** @param scale screen pixels per font pixel */
    PixelFont(int scale) {
        this.scale = scale;
    }

    private static void glyph(char c, String rows) {
        String[] parts = rows.split(" ");
        int[] bits = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bits[i] = Integer.parseInt(parts[i], 2);
        }
        GLYPHS.put(c, bits);
    }

    int width(String text) {
        return text.length() * 6 * scale - scale;
    }

    int height() {
        return 7 * scale;
    }

    /** Draws {@code text} with its baseline at {@code y}, in the current colour. */
    void draw(Graphics2D g, String text, int x, int y) {
        String upper = text.toUpperCase(Locale.ROOT);
        int top = y - height();
        for (int i = 0; i < upper.length(); i++) {
            int[] rows = GLYPHS.getOrDefault(upper.charAt(i), GLYPHS.get('?'));
            int left = x + i * 6 * scale;
            for (int row = 0; row < rows.length; row++) {
                for (int column = 0; column < 5; column++) {
                    if ((rows[row] & (1 << (4 - column))) != 0) {
                        g.fillRect(left + column * scale, top + row * scale, scale, scale);
                    }
                }
            }
        }
    }
}
