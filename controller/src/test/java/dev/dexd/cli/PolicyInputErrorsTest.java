package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Bad files given to {@code policy inspect} and {@code policy rollout} (and so to the daemon, which
 * reads models the same way): each is one line on stderr and exit 1, never a stack trace, never
 * "internal error", and a failed rollout leaves no output behind.
 */
class PolicyInputErrorsTest {
    static Path dir;
    static Path manifest;
    static Path rows;

    @BeforeAll
    static void makeDemo(@TempDir Path tmp) throws IOException {
        dir = tmp;
        CliRunner.Run r = CliRunner.run("policy", "make-demo", "--hidden", "8", "--seed", "4", "--out", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        manifest = tmp.resolve("demo-lstm.yaml");
        rows = Files.writeString(tmp.resolve("rows.csv"), row() + "\n" + row() + "\n");
    }

    /** 54 numbers: the demo manifest's observation width. */
    static String row() {
        return "0.1," .repeat(53) + "0.1";
    }

    /** A sparse file of {@code size} bytes: takes no disk, reads as zeros. */
    static Path sparse(String name, long size) throws IOException {
        Path p = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        }
        return p;
    }

    static String oneLine(CliRunner.Run r) {
        assertEquals(1, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("dexd: "), r.err());
        assertFalse(r.err().contains("internal error") || r.err().contains("Exception") || r.err().contains("Error:"),
            r.err());
        return r.err().substring("dexd: ".length()).strip();
    }

    CliRunner.Run rollout(Path obs, Path out) {
        return CliRunner.run("policy", "rollout", "--manifest", manifest.toString(), "--obs", obs.toString(), "--out",
            out.toString());
    }

    @Test
    void inspectOnADirectoryOrAModelLargerThanTheHeap() throws IOException {
        assertEquals("model " + dir + " is a directory, not an .onnx file: give the model file",
            oneLine(CliRunner.run("policy", "inspect", dir.toString())));
        long size = Runtime.getRuntime().maxMemory() + (1L << 30);
        Path huge = sparse("huge.onnx", size);
        String why = oneLine(CliRunner.run("policy", "inspect", huge.toString()));
        assertTrue(why.startsWith("model " + huge + " is "), why);
        assertTrue(why.contains(", more than "), why);
        Files.delete(huge);
    }

    /** The daemon and rollout load the manifest's model through the same runner. */
    @Test
    void aManifestNamingAHugeModelIsOneLine() throws IOException {
        Path big = sparse("big.onnx", Runtime.getRuntime().maxMemory() + (1L << 30));
        Path m = Files.writeString(dir.resolve("big.yaml"), Files.readString(manifest)
            .replace("model: demo-lstm.onnx", "model: big.onnx"));
        String why = oneLine(CliRunner.run("policy", "rollout", "--manifest", m.toString(), "--obs", rows.toString(),
            "--out", dir.resolve("big-out.csv").toString()));
        assertTrue(why.startsWith("model " + big + " (named by 'model' in " + m + ") is "), why);
        Files.delete(big);
    }

    @Test
    void rolloutOutIntoADirectoryOrAMissingFolder() {
        assertEquals("--out " + dir + " is a directory: give a file name, e.g. --out " + dir.resolve("rollout.csv"),
            oneLine(rollout(rows, dir)));
        Path missing = dir.resolve("no").resolve("such").resolve("out.csv");
        assertEquals("--out " + missing + ": the folder " + missing.getParent() + " does not exist: create it (mkdir -p "
            + missing.getParent() + ") or write elsewhere", oneLine(rollout(rows, missing)));
        assertFalse(Files.exists(missing.getParent()));
    }

    @Test
    void rolloutOfAnEmptyOrHeaderOnlyCsvIsAnError() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        Path out = dir.resolve("empty-out.csv");
        assertEquals(empty + " has no observation rows (it is empty or only a header): give one row of 54 numbers per"
            + " step", oneLine(rollout(empty, out)));
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(dir.resolve("empty-out.csv.part")));
        Path header = Files.writeString(dir.resolve("header.csv"), "fingertip_pos_0," .repeat(15)
            + "cube_pos,".repeat(3) + "cube_quat,".repeat(4) + "goal_quat,".repeat(4) + "rel_goal_quat,".repeat(4)
            + "goal_face_angles,".repeat(12) + "rel_goal_face_angles,".repeat(11) + "rel_goal_face_angles\n");
        assertTrue(oneLine(rollout(header, out)).startsWith(header + " has no observation rows"));
        Path withRow = Files.writeString(dir.resolve("header-row.csv"), Files.readString(header) + row() + "\n");
        CliRunner.Run ok = rollout(withRow, out);
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(2, Files.readAllLines(out).size());
    }

    /** Such a first row used to be taken for a header and skipped, and the rollout exited 0. */
    @Test
    void rolloutRefusesAFirstRowWithATypo() throws IOException {
        Path typo = Files.writeString(dir.resolve("typo.csv"), "O.1," + row().substring(4) + "\n" + row() + "\n");
        assertEquals(typo + " line 1, column 1: 'O.1' is not a number", oneLine(rollout(typo, dir.resolve("t.csv"))));
        Path names = Files.writeString(dir.resolve("names.csv"), "fingertip_pos,".repeat(15) + "cube_poz,"
            + "x,".repeat(37) + "x\n" + row() + "\n");
        assertEquals(names + " line 1 (header), column 16: 'cube_poz' is not a column of the manifest here: expected"
            + " cube_pos (or cube_pos_<i>); fix the header, or remove it (it is optional)",
            oneLine(rollout(names, dir.resolve("n.csv"))));
    }

    @Test
    void rolloutOfAFileLargerThanTheHeapWithoutLineBreaksIsOneLine() throws IOException {
        Path huge = sparse("huge.csv", Runtime.getRuntime().maxMemory() + (1L << 30));
        String why = oneLine(rollout(huge, dir.resolve("h.csv")));
        assertTrue(why.startsWith(huge + " line 1 is longer than "), why);
        Files.delete(huge);
    }

    /** A command that runs out of heap, as a too-large input would, at the CLI's boundary. */
    @Command(name = "hungry")
    static final class Hungry implements Callable<Integer> {
        @Override
        public Integer call() {
            long[] all = new long[Integer.MAX_VALUE - 8];
            return all.length;
        }
    }

    @Test
    void anOutOfMemoryErrorThatEscapesACommandIsOneLine() {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cli = new CommandLine(new Hungry()).setErr(new java.io.PrintWriter(err));
        assertEquals(1, Dexd.execute(cli));
        assertTrue(err.toString().matches("dexd: out of memory \\(Java heap space, heap \\d+ MB\\): an input is larger"
            + " than this JVM can hold; check the files given, or give dexd more heap \\(DEXD_JAVA_OPTS=-Xmx...\\)\\n"),
            err.toString());
    }
}
