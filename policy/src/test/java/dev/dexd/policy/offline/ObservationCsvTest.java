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
        return new ObservationCsv(new BufferedReader(new StringReader(text)), "obs.csv", 3);
    }

    @Test
    void skipsAnOptionalHeaderAndBlankLines() throws IOException {
        ObservationCsv c = csv("a,b,c\n1,2,3\n\n 4.5 , -6e-3 ,7\n");
        double[] row = new double[3];
        assertTrue(c.next(row));
        assertArrayEquals(new double[] {1, 2, 3}, row);
        assertTrue(c.next(row));
        assertArrayEquals(new double[] {4.5, -6e-3, 7}, row);
        assertEquals(4, c.line());
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
                ObservationCsv c = csv("h1,h2,h3\n1,x,3\n");
                c.next(row);
            }).getMessage());
        assertTrue(assertThrows(PolicyException.class, () -> csv("1,NaN,3\n").next(row)).getMessage()
            .startsWith("obs.csv line 1, column 2: NaN is not finite"));
    }
}
