package dev.dexd.policy.model;

import dev.dexd.policy.PolicyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a generated model and its manifest side by side, creating the directory if needed. */
final class PolicyFiles {
    private PolicyFiles() {
    }

    /** Returns the manifest's path, the file a user passes to the daemon. */
    static Path write(Path dir, String modelFile, byte[] model, String manifestFile, String manifest) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(modelFile), model);
            Path manifestPath = dir.resolve(manifestFile);
            Files.write(manifestPath, manifest.getBytes(StandardCharsets.UTF_8));
            return manifestPath;
        } catch (IOException e) {
            throw new PolicyException("cannot write the policy to " + dir + ": " + e, e);
        }
    }
}
