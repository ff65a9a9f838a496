package dev.dexd.controller.replay.export;

import dev.dexd.controller.log.HeaderRecord;
import dev.dexd.controller.log.StepField;
import dev.dexd.controller.log.StepRecord;
import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * {@code --format csv}: one row per step under a header row of {@link ExportColumns} names.
 * Integers are written in decimal, floats in Java's shortest round-trip form (a float32 as a float,
 * so reading it back as float32 gives the logged bits; {@code NaN} and {@code Infinity} as such).
 */
final class CsvExporter {
    private CsvExporter() {
    }

    static long export(Path log, Path out, LongConsumer progress) throws Exception {
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            StringBuilder line = new StringBuilder(4096);
            ExportColumns[] columns = new ExportColumns[1];
            return LogScan.scan(log, new LogScan.Visitor() {
                @Override
                public void header(HeaderRecord header) throws Exception {
                    columns[0] = ExportColumns.of(header.layout());
                    for (ExportColumns.Column c : columns[0].columns()) {
                        line.append(line.length() == 0 ? "" : ",").append(c.name());
                    }
                    w.append(line).append('\n');
                }

                @Override
                public void step(StepRecord step) throws Exception {
                    line.setLength(0);
                    boolean first = true;
                    for (ExportColumns.Column c : columns[0].columns()) {
                        if (!first) {
                            line.append(',');
                        }
                        first = false;
                        append(line, c.field(), step, c.element());
                    }
                    w.append(line).append('\n');
                }
            }, progress);
        }
    }

    static void append(StringBuilder line, StepField f, StepRecord step, int i) {
        switch (f.type()) {
            case FLOAT32 -> line.append((float) f.getDouble(step, i));
            case FLOAT64 -> line.append(f.getDouble(step, i));
            default -> line.append(f.getLong(step, i));
        }
    }
}
