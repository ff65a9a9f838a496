package dev.dexd.controller.counters;

import java.nio.file.Files;
import java.nio.file.Path;
import org.agrona.concurrent.status.CountersReader;

/**
 * The layout of the counters file, after Aeron's cnc.dat: a header, then Agrona's counters
 * metadata buffer, then its values buffer. Another process maps the file and reads the counters
 * with a {@link CountersReader}; the writer publishes the layout version last, so a reader that
 * sees version 0 knows the file is still being set up.
 *
 * <pre>
 * offset  size  field
 *      0     8  magic "DEXDCNTR" (ASCII, little-endian long)
 *      8     4  layout version ({@link #VERSION}; 0 while the writer sets up)
 *     12     4  metadata buffer length (capacity x 512)
 *     16     4  values buffer length (capacity x 128)
 *     20     4  reserved
 *     24     8  pid of the daemon
 *     32     8  start time of the daemon (epoch ms)
 *     40    88  reserved
 *    128     -  metadata buffer, then values buffer
 * </pre>
 * All numbers are little-endian (native order on x86-64 and aarch64).
 */
public final class CountersFile {
    public static final String FILE_NAME = "dexd-counters.dat";
    public static final long MAGIC = 0x52544E4344584544L; // "DEXDCNTR" read as a little-endian long
    public static final int VERSION = 1;
    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 8;
    public static final int METADATA_LENGTH_OFFSET = 12;
    public static final int VALUES_LENGTH_OFFSET = 16;
    public static final int PID_OFFSET = 24;
    public static final int START_TIME_OFFSET = 32;
    public static final int HEADER_LENGTH = 128;
    /** Counters the file has room for: ours and some for other parts of the daemon. */
    public static final int CAPACITY = 64;

    private CountersFile() {
    }

    /** /dev/shm/dexd (memory, never written to disk), or {java.io.tmpdir}/dexd where there is no /dev/shm. */
    public static Path defaultDirectory() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm)
            ? shm.resolve("dexd")
            : Path.of(System.getProperty("java.io.tmpdir"), "dexd");
    }

    /** The counters file in {@code directory}. */
    public static Path in(Path directory) {
        return directory.resolve(FILE_NAME);
    }

    static int metadataLength(int capacity) {
        return capacity * CountersReader.METADATA_LENGTH;
    }

    static int valuesLength(int capacity) {
        return capacity * CountersReader.COUNTER_LENGTH;
    }

    static int fileLength(int capacity) {
        return HEADER_LENGTH + metadataLength(capacity) + valuesLength(capacity);
    }
}
