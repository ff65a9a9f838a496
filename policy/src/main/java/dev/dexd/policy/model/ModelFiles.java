package dev.dexd.policy.model;

import dev.dexd.policy.PolicyException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a whole model file into memory, after checking that it is a file and that it fits: what
 * the heap has free (a file larger than the heap used to end in an {@code OutOfMemoryError} and a
 * stack trace) and what one array and one protobuf message can hold (2 GB). Every refusal is one
 * line naming the file, the problem and the fix. The one way dexd reads a model's bytes.
 */
public final class ModelFiles {
    /** The largest Java array; also the largest protobuf message (2 GB). */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** Heap kept free for everything else reading a model needs (the parser, ONNX Runtime's copy is native). */
    private static final long HEADROOM = 32L << 20;

    private ModelFiles() {
    }

    /**
     * The bytes of {@code file}.
     *
     * @param named where the path came from, for messages (e.g. "named by 'model' in p.yaml"), or ""
     * @throws PolicyException naming the problem: missing, a directory, unreadable, too large
     */
    public static byte[] read(Path file, String named) {
        return read(file, named, readableBytes());
    }

    /** As {@link #read(Path, String)} with an explicit limit (for tests). */
    static byte[] read(Path file, String named, long limit) {
        String from = named.isEmpty() ? "" : " (" + named + ")";
        if (Files.isDirectory(file)) {
            throw new PolicyException("model " + file + from + " is a directory, not an .onnx file: give the model file");
        }
        try {
            long size = Files.size(file);
            if (size > Math.min(limit, MAX_ARRAY)) {
                throw new PolicyException("model " + file + from + " is " + human(size) + ", more than "
                    + (size > MAX_ARRAY ? "one ONNX file can hold (2 GB; save the weights as external data)"
                    : "this JVM can read now (" + human(limit) + " of its " + human(Runtime.getRuntime().maxMemory())
                        + " heap free): check that this is the model (a policy is usually a few MB), or give dexd more"
                        + " heap (DEXD_JAVA_OPTS=-Xmx...)"));
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PolicyException("model not found: " + file + from);
        } catch (AccessDeniedException e) {
            throw new PolicyException("cannot read model " + file + from + ": permission denied");
        } catch (IOException e) {
            throw new PolicyException("cannot read model " + file + from + ": " + e.getMessage());
        } catch (OutOfMemoryError e) {
            // the heap filled between the check and the read (another thread): still one line
            throw new PolicyException("model " + file + from + " does not fit in the heap now: give dexd more heap"
                + " (DEXD_JAVA_OPTS=-Xmx...)");
        }
    }

    /** Bytes one more array may take from the heap now, keeping some headroom. */
    public static long readableBytes() {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return Math.max(0, Math.min(MAX_ARRAY, free - HEADROOM));
    }

    static String human(long bytes) {
        if (bytes < 1L << 20) {
            return bytes + " bytes";
        }
        return bytes < 1L << 30 ? String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20))
            : String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
    }
}
