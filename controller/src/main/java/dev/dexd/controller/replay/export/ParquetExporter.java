package dev.dexd.controller.replay.export;

import dev.dexd.controller.log.HeaderRecord;
import dev.dexd.controller.log.StepField;
import dev.dexd.controller.log.StepRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;
import org.duckdb.DuckDBAppender;

/**
 * {@code --format parquet}: the CSV's columns ({@link ExportColumns}) in one Parquet file, each with
 * its log type (int8 as TINYINT, int32 as INTEGER, int64 as BIGINT, float32 as FLOAT, float64 as
 * DOUBLE), one row per step in log order. Written by DuckDB ({@link DuckDb}).
 */
final class ParquetExporter {
    private ParquetExporter() {
    }

    static long export(Path log, Path out, LongConsumer progress) throws Exception {
        try (DuckDb db = DuckDb.open()) {
            DuckDBAppender[] appender = new DuckDBAppender[1];
            List<ExportColumns.Column>[] columns = new List[1];
            long steps;
            try {
                steps = LogScan.scan(log, new LogScan.Visitor() {
                    @Override
                    public void header(HeaderRecord header) throws Exception {
                        columns[0] = ExportColumns.of(header.layout()).columns();
                        StringBuilder ddl = new StringBuilder("CREATE TABLE steps (");
                        for (ExportColumns.Column c : columns[0]) {
                            ddl.append(ddl.charAt(ddl.length() - 1) == '(' ? "" : ", ")
                                .append(DuckDb.id(c.name())).append(' ').append(DuckDb.type(c.field().type()));
                        }
                        db.execute(ddl.append(')').toString());
                        appender[0] = db.connection().createAppender("main", "steps");
                    }

                    @Override
                    public void step(StepRecord step) throws Exception {
                        DuckDBAppender a = appender[0];
                        a.beginRow();
                        for (ExportColumns.Column c : columns[0]) {
                            append(a, c.field(), step, c.element());
                        }
                        a.endRow();
                    }
                }, progress);
            } finally {
                if (appender[0] != null) {
                    appender[0].close();
                }
            }
            db.copyToParquet("SELECT * FROM steps", out);
            return steps;
        }
    }

    private static void append(DuckDBAppender a, StepField f, StepRecord step, int i) throws Exception {
        switch (f.type()) {
            case INT8 -> a.append((byte) f.getLong(step, i));
            case INT32 -> a.append((int) f.getLong(step, i));
            case INT64 -> a.append(f.getLong(step, i));
            case FLOAT32 -> a.append((float) f.getDouble(step, i));
            case FLOAT64 -> a.append(f.getDouble(step, i));
        }
    }
}
