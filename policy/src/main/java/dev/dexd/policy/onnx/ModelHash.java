package dev.dexd.policy.onnx;

import dev.dexd.policy.model.ModelFiles;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of a model file: what the step log records so a replay can prove it runs the same model. */
public final class ModelHash {
    private ModelHash() {
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Lower-case hex SHA-256 of the file. */
    public static String sha256(Path file) {
        return sha256(ModelFiles.read(file, ""));
    }
}
