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
 * DOUBLE), one row per step in log order. Written by DuckDB ({@link DuckDb}): each log field is
 * appended whole (a vector as one fixed-size array, one native call), and the COPY's SELECT spreads
 * the arrays into the named columns; appending value by value costs four times as long.
 */
final class ParquetExporter {
    private final List<StepField> fields;
    private final Object[] rows;
    private DuckDBAppender appender;

    private ParquetExporter(List<StepField> fields) {
        this.fields = fields;
        rows = new Object[fields.size()];
        for (int i = 0; i < rows.length; i++) {
            StepField f = fields.get(i);
            rows[i] = switch (f.type()) {
                case INT8 -> new short[f.count()]; // the appender takes byte[] as a BLOB
                case INT32 -> new int[f.count()];
                case INT64 -> new long[f.count()];
                case FLOAT32 -> new float[f.count()];
                case FLOAT64 -> new double[f.count()];
            };
        }
    }

    static long export(Path log, Path out, LongConsumer progress) throws Exception {
        try (DuckDb db = DuckDb.open()) {
            ParquetExporter[] x = new ParquetExporter[1];
            long steps;
            try {
                steps = LogScan.scan(log, new LogScan.Visitor() {
                    @Override
                    public void header(HeaderRecord header) throws Exception {
                        x[0] = new ParquetExporter(header.layout().fields());
                        x[0].createTable(db);
                    }

                    @Override
                    public void step(StepRecord step) throws Exception {
                        x[0].append(step);
                    }
                }, progress);
            } finally {
                if (x[0] != null && x[0].appender != null) {
                    x[0].appender.close();
                }
            }
            db.copyToParquet(x[0].flatSelect(), out);
            return steps;
        }
    }

    /** One staging column per field: a scalar, or a fixed-size array of the field's count. */
    private void createTable(DuckDb db) throws Exception {
        StringBuilder ddl = new StringBuilder("CREATE TABLE steps (");
        for (int i = 0; i < fields.size(); i++) {
            StepField f = fields.get(i);
            ddl.append(i == 0 ? "" : ", ").append(DuckDb.id(f.name())).append(' ');
            if (f.count() == 1) {
                ddl.append(DuckDb.type(f.type()));
            } else {
                ddl.append(f.type() == StepField.Type.INT8 ? "SMALLINT" : DuckDb.type(f.type()))
                    .append('[').append(f.count()).append(']');
            }
        }
        db.execute(ddl.append(')').toString());
        appender = db.connection().createAppender("main", "steps");
    }

    private void append(StepRecord step) throws Exception {
        DuckDBAppender a = appender;
        a.beginRow();
        for (int k = 0; k < rows.length; k++) {
            StepField f = fields.get(k);
            int n = f.count();
            switch (f.type()) {
                case INT8 -> {
                    short[] v = (short[]) rows[k];
                    for (int i = 0; i < n; i++) {
                        v[i] = (short) f.getLong(step, i);
                    }
                    if (n == 1) {
                        a.append((byte) v[0]);
                    } else {
                        a.append(v);
                    }
                }
                case INT32 -> {
                    int[] v = (int[]) rows[k];
                    for (int i = 0; i < n; i++) {
                        v[i] = (int) f.getLong(step, i);
                    }
                    if (n == 1) {
                        a.append(v[0]);
                    } else {
                        a.append(v);
                    }
                }
                case INT64 -> {
                    long[] v = (long[]) rows[k];
                    for (int i = 0; i < n; i++) {
                        v[i] = f.getLong(step, i);
                    }
                    if (n == 1) {
                        a.append(v[0]);
                    } else {
                        a.append(v);
                    }
                }
                case FLOAT32 -> {
                    float[] v = (float[]) rows[k];
                    for (int i = 0; i < n; i++) {
                        v[i] = (float) f.getDouble(step, i);
                    }
                    if (n == 1) {
                        a.append(v[0]);
                    } else {
                        a.append(v);
                    }
                }
                case FLOAT64 -> {
                    double[] v = (double[]) rows[k];
                    for (int i = 0; i < n; i++) {
                        v[i] = f.getDouble(step, i);
                    }
                    if (n == 1) {
                        a.append(v[0]);
                    } else {
                        a.append(v);
                    }
                }
            }
        }
        a.endRow();
    }

    /** The staging table spread into {@link ExportColumns} (DuckDB arrays count from 1). */
    private String flatSelect() {
        StringBuilder q = new StringBuilder("SELECT ");
        boolean first = true;
        for (StepField f : fields) {
            for (int i = 0; i < f.count(); i++) {
                q.append(first ? "" : ", ");
                first = false;
                String name = f.count() == 1 ? f.name() : f.name() + "_" + i;
                String element = f.count() == 1 ? DuckDb.id(f.name()) : DuckDb.id(f.name()) + "[" + (i + 1) + "]";
                q.append("CAST(").append(element).append(" AS ").append(DuckDb.type(f.type())).append(") AS ")
                    .append(DuckDb.id(name));
            }
        }
        return q.append(" FROM steps").toString();
    }
}
