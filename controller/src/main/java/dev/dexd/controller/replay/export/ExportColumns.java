package dev.dexd.controller.replay.export;

import dev.dexd.controller.log.StepField;
import dev.dexd.controller.log.StepLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The flat columns of a step record, straight from the log header's field table: a scalar field is
 * one column under its own name, a field of n elements is n columns {@code name_0 .. name_{n-1}}.
 * CSV and Parquet exports share these names, so a new log field appears in both without code here.
 */
public final class ExportColumns {
    /** One column: element {@code element} of {@code field}. */
    public record Column(String name, StepField field, int element) {
    }

    private final List<Column> columns;

    private ExportColumns(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /** The columns of every field of {@code layout}, in record order. */
    public static ExportColumns of(StepLayout layout) {
        List<Column> out = new ArrayList<>();
        for (StepField f : layout.fields()) {
            if (f.count() == 1) {
                out.add(new Column(f.name(), f, 0));
            } else {
                for (int i = 0; i < f.count(); i++) {
                    out.add(new Column(f.name() + "_" + i, f, i));
                }
            }
        }
        return new ExportColumns(out);
    }

    public List<Column> columns() {
        return columns;
    }

    public int size() {
        return columns.size();
    }
}
