package dev.dexd.policy.offline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.policy.PolicyException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ObservationCsvTest {
    static ObservationCsv csv(String text) {
        return new ObservationCsv(new BufferedReader(new StringReader(text)), "obs.csv", new String[] {"a", "a", "bc"});
    }

    @Test
    void skipsAnOptionalHeaderAndBlankLines() throws IOException {
        ObservationCsv c = csv("# made by hand\na_0,a[1],bc\n1,2,3\n\n 4.5 , -6e-3 ,7\n");
        double[] row = new double[3];
        assertTrue(c.next(row));
        assertArrayEquals(new double[] {1, 2, 3}, row);
        assertTrue(c.next(row));
        assertArrayEquals(new double[] {4.5, -6e-3, 7}, row);
        assertEquals(5, c.line());
        assertFalse(c.next(row));
    }

    @Test
    void namesTheLineAndColumnOfBadRows() {
        double[] row = new double[3];
        assertEquals("obs.csv line 2: expected 3 columns, got 2 (one column per observation element, manifest order)",
            assertThrows(PolicyException.class, () -> {
                ObservationCsv c = csv("1,2,3\n1,2\n");
                c.next(row);
                c.next(row);
            }).getMessage());
        assertTrue(assertThrows(PolicyException.class, () -> csv("1,2,3,4\n").next(row)).getMessage()
            .contains("line 1: expected 3 columns, got 4"));
        assertEquals("obs.csv line 2, column 2: 'x' is not a number",
            assertThrows(PolicyException.class, () -> {
                ObservationCsv c = csv("a,a,bc\n1,x,3\n");
                c.next(row);
            }).getMessage());
        assertTrue(assertThrows(PolicyException.class, () -> csv("1,NaN,3\n").next(row)).getMessage()
            .startsWith("obs.csv line 1, column 2: NaN is not finite"));
    }

    /** A first row with a typo used to be taken for a header and skipped: the rollout then exited 0. */
    @Test
    void aHeaderNamingAColumnTheManifestHasNotOrAFirstRowWithATypoIsRefused() {
        double[] row = new double[3];
        assertEquals("obs.csv line 1 (header), column 3: 'b' is not a column of the manifest here: expected bc (or"
            + " bc_<i>); fix the header, or remove it (it is optional)",
            assertThrows(PolicyException.class, () -> csv("a_0,a_1,b\n1,2,3\n").next(row)).getMessage());
        assertTrue(assertThrows(PolicyException.class, () -> csv("ax,a,bc\n1,2,3\n").next(row)).getMessage()
            .startsWith("obs.csv line 1 (header), column 1: 'ax' is not a column"));
        assertEquals("obs.csv line 1 (header): expected 3 columns, got 2 (one column per observation element, manifest"
            + " order)", assertThrows(PolicyException.class, () -> csv("a,a\n1,2,3\n").next(row)).getMessage());
        assertEquals("obs.csv line 1, column 1: 'O.5' is not a number",
            assertThrows(PolicyException.class, () -> csv("O.5,2,3\n1,2,3\n").next(row)).getMessage());
        assertEquals("obs.csv line 2, column 2: 'x' is not a number", assertThrows(PolicyException.class, () -> {
            ObservationCsv c = csv("# comment\n1,x,3\n");
            c.next(row);
        }).getMessage());
    }

    @Test
    void emptyAndHeaderOnlyInputsHaveNoRows() throws IOException {
        assertFalse(csv("").next(new double[3]));
        assertFalse(csv("a,a,bc\n\n").next(new double[3]));
    }
}
