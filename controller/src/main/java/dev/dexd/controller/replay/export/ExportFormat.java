package dev.dexd.controller.replay.export;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongConsumer;

/** The formats {@code dexd replay export} writes, each by its own exporter. */
public enum ExportFormat {
    /** One file, one row per step, a header row of column names. */
    CSV,
    /** One Parquet file with the CSV's columns, typed. */
    PARQUET,
    /** A LeRobot dataset v3.0 directory. */
    LEROBOT,
    /** One MCAP file with JSON channels, for Foxglove. */
    MCAP;

    /** The name on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Writes {@code log} as this format to {@code out}; returns the steps exported. {@code progress}
     * gets the number of records read so far. A damaged log throws the reader's StepLogException;
     * what was written until then stays.
     */
    public long export(Path log, Path out, LongConsumer progress) throws Exception {
        return switch (this) {
            case CSV -> CsvExporter.export(log, out, progress);
            case PARQUET -> ParquetExporter.export(log, out, progress);
            case LEROBOT -> LeRobotExporter.export(log, out, progress);
            case MCAP -> McapExporter.export(log, out, progress);
        };
    }
}
