package dev.dexd.controller.replay;

import ai.onnxruntime.OrtException;
import dev.dexd.controller.log.HeaderRecord;
import dev.dexd.controller.log.StepField;
import dev.dexd.controller.log.StepFlags;
import dev.dexd.controller.log.StepLayout;
import dev.dexd.controller.log.StepLogReader;
import dev.dexd.controller.log.StepRecord;
import dev.dexd.policy.PolicyException;
import dev.dexd.policy.manifest.PolicyManifest;
import dev.dexd.policy.onnx.ModelHash;
import dev.dexd.policy.onnx.PolicyRunner;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Runs another policy over a logged run's observations and measures how often it would have chosen
 * the same bins: the new policy carries its own recurrent state, reset where the logged run reset
 * ({@link StepFlags#STATE_RESET}), and runs on the steps where the logged policy ran. Observations,
 * logits and bins are read by name through the header's field table, as {@link ReplayVerifier} does.
 * A difference is information, not an error.
 */
public final class ReplayDiff {
    /**
     * @param loggedModelSha256 the model the run used
     * @param newModelSha256 the model given
     * @param steps step records read
     * @param stateResets steps on which both policies' state was reset
     * @param actuatorNames policy order
     */
    public record Result(Path logDir, String loggedModelSha256, Path newModel, String newModelSha256, long steps,
                         long stateResets, List<String> actuatorNames, DiffStatistics statistics) {
        public long policySteps() {
            return statistics.steps();
        }
    }

    private ReplayDiff() {
    }

    /**
     * @throws PolicyException when the new policy's observation or action does not have the logged shape
     */
    public static Result diff(Path logDir, PolicyManifest manifest, LongConsumer progress) throws OrtException {
        try (StepLogReader reader = StepLogReader.open(logDir)) {
            HeaderRecord h = reader.header();
            StepLayout l = reader.layout();
            checkShape(h, l, manifest);
            try (PolicyRunner runner = PolicyRunner.open(manifest)) {
                return run(logDir, h, reader, runner, manifest, progress);
            }
        }
    }

    private static void checkShape(HeaderRecord h, StepLayout l, PolicyManifest m) {
        if (m.observationSize() != l.observationSize()) {
            throw new PolicyException(m.source() + ": the policy takes " + m.observationSize()
                + " observation values, the log has " + l.observationSize() + ": diff needs a policy with the same observation");
        }
        PolicyManifest.ActionSpec a = m.action();
        if (a.actuators().size() != l.actuators() || a.bins() != l.bins()) {
            throw new PolicyException(m.source() + ": the policy's action is " + a.actuators().size() + " actuators x "
                + a.bins() + " bins, the log's is " + l.actuators() + " x " + l.bins()
                + ": diff needs a policy with the same action shape");
        }
        if (!h.actuatorNames().isEmpty() && !h.actuatorNames().equals(a.actuators())) {
            throw new PolicyException(m.source() + ": the policy's actuators " + a.actuators()
                + " are not the log's " + h.actuatorNames() + ": diff needs the same actuators in the same order");
        }
    }

    private static Result run(Path logDir, HeaderRecord h, StepLogReader reader, PolicyRunner runner, PolicyManifest m,
                              LongConsumer progress) throws OrtException {
        StepLayout l = reader.layout();
        StepField flagsField = l.field("flags");
        StepField stepField = l.field("step");
        StepField observation = l.field("observation");
        StepField logitsField = l.field("logits");
        StepField binsField = l.field("bins");
        int actuators = l.actuators();
        int bins = l.bins();
        float[] logged = new float[actuators * bins];
        float[] fresh = new float[actuators * bins];
        int[] loggedBins = new int[actuators];
        DiffStatistics stats = new DiffStatistics(actuators, bins);
        long steps = 0;
        long resets = 0;
        for (StepLogReader.Entry e; (e = reader.next()) != StepLogReader.Entry.END; ) {
            if (e != StepLogReader.Entry.STEP) {
                continue;
            }
            StepRecord s = reader.step();
            steps++;
            if ((steps & 1023) == 0) {
                progress.accept(steps);
            }
            int flags = (int) flagsField.getLong(s);
            if ((flags & StepFlags.STATE_RESET) != 0) {
                runner.reset();
                resets++;
            }
            if ((flags & StepFlags.POLICY_RAN) == 0) {
                continue;
            }
            FloatBuffer in = runner.observation();
            for (int i = 0, base = in.position(); i < observation.count(); i++) {
                in.put(base + i, Float.intBitsToFloat((int) observation.getBits(s.buffer(), s.offset(), i)));
            }
            runner.run();
            FloatBuffer out = runner.logits();
            for (int i = 0, base = out.position(); i < fresh.length; i++) {
                fresh[i] = out.get(base + i);
                logged[i] = Float.intBitsToFloat((int) logitsField.getBits(s.buffer(), s.offset(), i));
            }
            for (int a = 0; a < actuators; a++) {
                loggedBins[a] = (int) binsField.getLong(s, a);
            }
            stats.add(stepField.getLong(s), logged, loggedBins, fresh);
        }
        List<String> names = h.actuatorNames().isEmpty() ? m.action().actuators() : h.actuatorNames();
        return new Result(logDir, h.modelSha256(), m.model(), ModelHash.sha256(m.model()), steps, resets, names, stats);
    }
}
