package dev.dexd.policy.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import dev.dexd.policy.manifest.PolicyManifest;
import dev.dexd.policy.manifest.PolicyManifest.StatePair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a loaded model against its manifest: every tensor the manifest names exists with the
 * expected shape and float type, every model input is fed, and the logits match the actuator and
 * bin counts. Symbolic (dynamic) model dimensions match any size.
 */
public final class ModelCheck {
    private ModelCheck() {
    }

    /** Every mismatch, one short sentence each; empty when the model fits the manifest. */
    public static List<String> mismatches(PolicyManifest m, Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs) {
        List<String> problems = new ArrayList<>();
        Set<String> fed = new HashSet<>();

        fed.add(m.observationTensor());
        expect(problems, "input", m.observationTensor(), inputs, new long[] {1, m.observationSize()},
            "observation.tensor", " (the sum of the feature sizes is " + m.observationSize() + ")");
        for (int i = 0; i < m.state().size(); i++) {
            StatePair s = m.state().get(i);
            fed.add(s.input());
            expect(problems, "input", s.input(), inputs, s.shape(), "state[" + i + "].input", "");
            expect(problems, "output", s.output(), outputs, s.shape(), "state[" + i + "].output", "");
        }
        int actuators = m.action().actuators().size();
        expect(problems, "output", m.action().tensor(), outputs, new long[] {1, actuators, m.action().bins()},
            "action.tensor", " (" + actuators + " actuators x " + m.action().bins() + " bins)");
        for (String name : inputs.keySet()) {
            if (!fed.contains(name)) {
                problems.add("model input '" + name + "' is not fed by the manifest (name it as observation.tensor or a state input)");
            }
        }
        return problems;
    }

    private static void expect(List<String> problems, String kind, String name, Map<String, NodeInfo> nodes,
                               long[] shape, String key, String why) {
        NodeInfo node = nodes.get(name);
        if (node == null) {
            problems.add(key + ": the model has no " + kind + " '" + name + "' (its " + kind + "s: "
                + String.join(", ", nodes.keySet()) + ")");
            return;
        }
        if (!(node.getInfo() instanceof TensorInfo info)) {
            problems.add(key + ": " + kind + " '" + name + "' is not a tensor");
            return;
        }
        if (info.type != OnnxJavaType.FLOAT) {
            problems.add(key + ": " + kind + " '" + name + "' is " + info.type + ", expected FLOAT");
        }
        long[] actual = info.getShape();
        boolean ok = actual.length == shape.length;
        for (int i = 0; ok && i < shape.length; i++) {
            ok = actual[i] < 0 || actual[i] == shape[i];
        }
        if (!ok) {
            problems.add(key + ": " + kind + " '" + name + "' has shape " + Arrays.toString(actual) + ", expected "
                + Arrays.toString(shape) + why);
        }
    }
}
