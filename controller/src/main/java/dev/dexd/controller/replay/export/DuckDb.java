package dev.dexd.controller.replay.export;

import dev.dexd.controller.log.StepField;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;

/**
 * The embedded DuckDB engine that writes our Parquet files: an in-memory database per export, rows
 * appended through its Appender (no SQL per row), then {@code COPY ... TO} a Parquet file. Loaded
 * only by {@code replay export}, never by the daemon.
 */
final class DuckDb implements AutoCloseable {
    private final DuckDBConnection connection;

    private DuckDb(DuckDBConnection connection) {
        this.connection = connection;
    }

    static DuckDb open() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        return new DuckDb(c.unwrap(DuckDBConnection.class));
    }

    DuckDBConnection connection() {
        return connection;
    }

    void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** {@code COPY (query) TO path} as Parquet (Snappy: every Parquet reader has it). */
    void copyToParquet(String query, Path path) throws SQLException {
        execute("COPY (" + query + ") TO " + literal(path.toAbsolutePath().toString())
            + " (FORMAT parquet, COMPRESSION snappy)");
    }

    /** An SQL identifier, quoted (our names hold dots and slashes). */
    static String id(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** An SQL string literal. */
    static String literal(String s) {
        return '\'' + s.replace("'", "''") + '\'';
    }

    /** The DuckDB type of one element of a log field. */
    static String type(StepField.Type t) {
        return switch (t) {
            case INT8 -> "TINYINT";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case FLOAT32 -> "FLOAT";
            case FLOAT64 -> "DOUBLE";
        };
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
