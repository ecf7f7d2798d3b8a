package dev.halyard.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The chart renders with the platform's fonts and with the pixel font a machine without fonts gets. */
class RatioChartTest {

    @Test
    void rendersWithAndWithoutPlatformFonts() throws Exception {
        Comparison comparison = new Comparison(List.of(Target.values()));
        Comparison.Figure echo = new Comparison.Figure("echo 1 KiB text, 16 conn × 16 in flight", "msg/s", true, true);
        Comparison.Figure broadcast = new Comparison.Figure("broadcast 64 B text (1,000 receivers)", "deliveries/s", true, true);
        double[] values = {100, 80, 100, 130};
        for (int i = 0; i < values.length; i++) {
            comparison.put(echo, Target.values()[i], values[i], Check.none());
            comparison.put(broadcast, Target.values()[i], values[i] * 2, Check.none());
        }
        for (boolean pixels : new boolean[] {false, true}) {
            Path file = Path.of("target", pixels ? "ratio-chart-pixel-font.png" : "ratio-chart-platform-font.png");
            System.setProperty("halyard.chart.pixelFont", Boolean.toString(pixels));
            try {
                RatioChart.write(comparison, file);
            } finally {
                System.clearProperty("halyard.chart.pixelFont");
            }
            BufferedImage image = ImageIO.read(file.toFile());
            assertThat(image.getWidth()).as(file.toString()).isEqualTo(1000);
            assertThat(image.getHeight()).as(file.toString()).isEqualTo(560);
        }
    }
}
