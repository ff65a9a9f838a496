package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.dexd.controller.log.LogFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dexd replay export}: the command's arguments and errors (the formats: ExportTest). */
class ReplayExportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void exportsAndSaysWhatItWrote() throws Exception {
        Path dir = tmp.resolve("run");
        LogFixtures.writeRun(dir, 250);
        Path csv = tmp.resolve("run.csv");
        CliRunner.Run run = CliRunner.run("replay", "export", dir.toString(), "--format", "csv", "--out", csv.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("exported 250 steps of " + dir) && run.err().contains(" as csv to " + csv), run.err());
        assertEquals(251, Files.readAllLines(csv).size());

        Path lerobot = Files.createDirectory(tmp.resolve("dataset"));
        CliRunner.Run ds = CliRunner.run("replay", "export", tmp.toString() + "/run", "--format", "LeRobot", "--out",
            lerobot.toString());
        assertEquals(0, ds.exit(), ds.err());
        assertTrue(Files.isRegularFile(lerobot.resolve("meta/info.json")));
        assertTrue(Files.isRegularFile(lerobot.resolve("data/chunk-000/file-000.parquet")));
    }

    @Test
    void userErrorsAreOneLine() throws Exception {
        Path dir = tmp.resolve("run");
        LogFixtures.writeRun(dir, 20);
        Path out = tmp.resolve("out.x");

        CliRunner.Run format = CliRunner.run("replay", "export", dir.toString(), "--format", "xlsx", "--out", out.toString());
        assertEquals(1, format.exit());
        assertEquals(1, format.err().strip().lines().count(), format.err());
        assertTrue(format.err().contains("unknown export format 'xlsx'") && format.err().contains("csv, parquet, lerobot or mcap"),
            format.err());

        Files.writeString(out, "keep me");
        CliRunner.Run exists = CliRunner.run("replay", "export", dir.toString(), "--format", "mcap", "--out", out.toString());
        assertEquals(1, exists.exit());
        assertEquals(1, exists.err().strip().lines().count(), exists.err());
        assertTrue(exists.err().contains("already exists"), exists.err());
        assertEquals("keep me", Files.readString(out));

        CliRunner.Run noFolder = CliRunner.run("replay", "export", dir.toString(), "--format", "csv", "--out",
            tmp.resolve("no/such/dir/x.csv").toString());
        assertEquals(1, noFolder.exit());
        assertTrue(noFolder.err().contains("does not exist; create it first"), noFolder.err());

        // a folder where no file can be created: DuckDB's IO error becomes one line
        CliRunner.Run unwritable = CliRunner.run("replay", "export", dir.toString(), "--format", "parquet", "--out",
            "/proc/dexd-export-test.parquet");
        assertEquals(1, unwritable.exit(), unwritable.err());
        assertEquals(1, unwritable.err().strip().lines().count(), unwritable.err());
        assertTrue(unwritable.err().contains("cannot write /proc/dexd-export-test.parquet"), unwritable.err());

        CliRunner.Run noLog = CliRunner.run("replay", "export", tmp.resolve("nope").toString(), "--format", "csv", "--out",
            tmp.resolve("y.csv").toString());
        assertEquals(1, noLog.exit());
        assertEquals(1, noLog.err().strip().lines().count(), noLog.err());
        assertTrue(noLog.err().contains("does not exist"), noLog.err());
    }
}
