package dev.dexd.cli;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.dexd.policy.PolicyException;
import dev.dexd.policy.manifest.ManifestLoader;
import dev.dexd.policy.manifest.PolicyManifest;
import dev.dexd.policy.model.ModelFiles;
import dev.dexd.policy.model.OnnxModelSummary;
import dev.dexd.policy.onnx.ModelCheck;
import dev.dexd.policy.onnx.ModelHash;
import dev.dexd.policy.onnx.PolicyRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dexd policy inspect}: what a model takes and gives, and whether it fits its manifest. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Show a model's inputs and outputs with shapes, opset, parameter count and SHA-256, and check "
        + "it against its manifest (by default the .yaml of the same name beside the model). Exit 1 if it does not fit.")
final class PolicyInspect implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The .onnx file.")
    Path model;

    @Option(names = "--manifest", paramLabel = "M", description = "The manifest to check against.")
    Path manifest;

    @Override
    public Integer call() throws Exception {
        byte[] bytes = ModelFiles.read(model, "");
        OnnxModelSummary summary = OnnxModelSummary.read(bytes, model.toString());
        System.out.println("model:      " + model.toAbsolutePath());
        System.out.println("sha256:     " + ModelHash.sha256(bytes));
        System.out.println("size:       " + bytes.length + " bytes");
        System.out.println("producer:   " + (summary.producerName() + " " + summary.producerVersion()).trim());
        System.out.println("ir version: " + summary.irVersion());
        System.out.println("opset:      " + opsets(summary.opsetImports()));
        System.out.println("parameters: " + summary.parameterCount());
        try (OrtSession session = PolicyRunner.openSession(bytes, model.toString())) {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            System.out.println("inputs:");
            print(inputs);
            System.out.println("outputs:");
            print(outputs);
            return checkManifest(inputs, outputs);
        }
    }

    private int checkManifest(Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs) {
        Path m = manifest != null ? manifest : besideModel();
        if (m == null) {
            System.out.println("manifest:   none given and no " + baseName() + ".yaml beside the model: not checked");
            return Dexd.OK;
        }
        System.out.println("manifest:   " + m.toAbsolutePath());
        PolicyManifest pm;
        try {
            pm = ManifestLoader.load(m);
        } catch (PolicyException e) {
            System.out.println("check:      FAILED: " + e.getMessage());
            return Dexd.USER_ERROR;
        }
        try {
            if (!Files.isSameFile(pm.model(), model)) {
                System.out.println("note:       the manifest names " + pm.model() + ", checking " + model + " against it");
            }
        } catch (IOException e) {
            System.out.println("note:       the manifest names " + pm.model() + ", which does not exist");
        }
        List<String> problems = ModelCheck.mismatches(pm, inputs, outputs);
        if (problems.isEmpty()) {
            System.out.println("check:      OK (" + pm.observationSize() + " observation values, " + pm.state().size()
                + " state pairs, " + pm.action().actuators().size() + " actuators x " + pm.action().bins() + " bins, "
                + pm.action().mapping().name().toLowerCase() + ", period " + pm.periodMs() + " ms)");
            return Dexd.OK;
        }
        System.out.println("check:      FAILED");
        for (String p : problems) {
            System.out.println("  - " + p);
        }
        return Dexd.USER_ERROR;
    }

    private Path besideModel() {
        Path candidate = model.toAbsolutePath().resolveSibling(baseName() + ".yaml");
        return Files.isRegularFile(candidate) ? candidate : null;
    }

    private String baseName() {
        String n = model.getFileName().toString();
        return n.endsWith(".onnx") ? n.substring(0, n.length() - 5) : n;
    }

    private static void print(Map<String, NodeInfo> nodes) {
        for (NodeInfo n : nodes.values()) {
            String type = n.getInfo() instanceof TensorInfo t
                ? t.type.toString().toLowerCase() + " " + Arrays.toString(t.getShape()) : n.getInfo().toString();
            System.out.println("  " + n.getName() + "  " + type);
        }
    }

    private static String opsets(Map<String, Long> imports) {
        StringBuilder sb = new StringBuilder();
        imports.forEach((domain, version) -> sb.append(sb.length() == 0 ? "" : ", ")
            .append(domain.isEmpty() ? "ai.onnx" : domain).append(' ').append(version));
        return sb.toString();
    }
}
