package io.candor.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes the figures: {@code latest.json}, {@code latest.md} and {@code cost-by-stored-events.png}. */
final class Report {

    /** One line of the markdown table: a figure, its target, and whether it is met (null: no target). */
    record Line(String what, String value, String target, Boolean met) {
    }

    /** One point of the cost curve. */
    record CostPoint(long storedEvents, double commandP50Ms, double commandP99Ms) {
    }

    private Report() {
    }

    static void write(Path out, Map<String, Object> figures, List<Line> lines, List<CostPoint> curve,
                      List<String> notes) throws IOException {
        Files.createDirectories(out);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("latest.json").toFile(), figures);
        StringBuilder md = new StringBuilder();
        md.append("# Candor benchmark: latest run\n\n");
        md.append("Machine: ").append(figures.get("machine")).append(", run on ").append(figures.get("date"))
                .append(". Produced by `mvn -Pbenchmark -DskipTests package`; figures in `latest.json`.\n\n");
        md.append("| figure | value | target | met |\n|---|---|---|---|\n");
        for (Line line : lines) {
            md.append("| ").append(line.what()).append(" | ").append(line.value()).append(" | ")
                    .append(line.target() == null ? "" : line.target()).append(" | ")
                    .append(line.met() == null ? "" : line.met() ? "yes" : "**no**").append(" |\n");
        }
        md.append("\n![Command latency against stored events](cost-by-stored-events.png)\n\n");
        for (String note : notes) {
            md.append("- ").append(note).append('\n');
        }
        Files.writeString(out.resolve("latest.md"), md.toString());
        chart(out.resolve("cost-by-stored-events.png"), curve);
    }

    private static void chart(Path png, List<CostPoint> curve) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(480)
                .title("Command latency (1 client) against stored events")
                .xAxisTitle("stored events").yAxisTitle("milliseconds").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        List<Double> x = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        for (CostPoint point : curve) {
            x.add((double) point.storedEvents());
            p50.add(point.commandP50Ms());
            p99.add(point.commandP99Ms());
        }
        chart.addSeries("command p50", x, p50).setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries("command p99", x, p99).setMarker(SeriesMarkers.DIAMOND);
        String file = png.toString();
        BitmapEncoder.saveBitmap(chart, file.substring(0, file.length() - 4), BitmapEncoder.BitmapFormat.PNG);
    }
}
