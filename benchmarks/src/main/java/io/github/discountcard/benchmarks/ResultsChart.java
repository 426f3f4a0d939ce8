package io.github.discountcard.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load benchmark's results as one self-contained SVG: a panel of horizontal bars (requests/s per client) for
 * each concurrency level and for the cold starts, each panel on its own scale, and the ratios as text below.
 * Plain SVG 1.1 with no script or external reference, so that a Markdown page can embed it as an image.
 */
final class ResultsChart {

    /** One bar: the client's label, its value and its key (which picks the colour). */
    record Bar(String label, double value, String client) {
    }

    record Panel(String title, List<Bar> bars) {
    }

    private static final Map<String, String> COLOURS = Map.of(LoadBenchmark.RAW, "#9e9e9e", LoadBenchmark.FLOOR_ACCP,
            "#757575", LoadBenchmark.FLOOR_JDK, "#bdbdbd", LoadBenchmark.OURS_ACCP,
            "#1565c0", LoadBenchmark.OURS_JDK, "#64b5f6", LoadBenchmark.OFFICIAL, "#ffb74d", LoadBenchmark.OFFICIAL_ACCP,
            "#e65100");

    private static final int WIDTH = 860;

    private static final int LABEL_WIDTH = 290;

    private static final int BAR_AREA = WIDTH - LABEL_WIDTH - 90;

    private static final int BAR_HEIGHT = 20;

    private static final int BAR_GAP = 6;

    private ResultsChart() {
    }

    static String svg(String title, List<Panel> panels, List<String> notes) {
        StringBuilder body = new StringBuilder();
        int y = 40;
        for (Panel panel : panels) {
            body.append(text(16, y, panel.title(), "font-weight:bold"));
            y += 12;
            double max = panel.bars().stream().mapToDouble(Bar::value).max().orElse(1);
            for (Bar bar : panel.bars()) {
                int length = (int) Math.round(BAR_AREA * bar.value() / Math.max(max, 1e-9));
                body.append(text(LABEL_WIDTH - 8, y + 15, bar.label(), "text-anchor:end"));
                body.append(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n", LABEL_WIDTH, y,
                        Math.max(length, 1), BAR_HEIGHT, COLOURS.getOrDefault(bar.client(), "#607d8b")));
                body.append(text(LABEL_WIDTH + length + 6, y + 15, String.format(Locale.ROOT, "%,.0f", bar.value()),
                        ""));
                y += BAR_HEIGHT + BAR_GAP;
            }
            y += 26;
        }
        for (String note : notes) {
            body.append(text(16, y, note, ""));
            y += 20;
        }
        int height = y + 10;
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\">%n"
                + "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>%n", WIDTH, height, WIDTH, height)
                + text(16, 22, title, "font-size:15px;font-weight:bold") + body + "</svg>\n";
    }

    private static String text(int x, int y, String value, String style) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\"%s>%s</text>%n", x, y,
                style.isEmpty() ? "" : " style=\"" + style + "\"", escape(value));
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
