package dev.dexd.controller.replay;

import ai.onnxruntime.OrtException;
import dev.dexd.controller.log.HeaderRecord;
import dev.dexd.controller.log.StateDigest;
import dev.dexd.controller.log.StepField;
import dev.dexd.controller.log.StepFlags;
import dev.dexd.controller.log.StepLayout;
import dev.dexd.controller.log.StepLogException;
import dev.dexd.controller.log.StepLogReader;
import dev.dexd.controller.log.StepRecord;
import dev.dexd.policy.PolicyException;
import dev.dexd.policy.action.ActionDecoder;
import dev.dexd.policy.action.ActuatorRanges;
import dev.dexd.policy.manifest.PolicyManifest;
import dev.dexd.policy.onnx.ModelHash;
import dev.dexd.policy.onnx.PolicyRunner;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Re-runs a logged run's policy offline and checks that it gives the same actions bit for bit: for
 * every step on which the policy ran, the logged observation (as fed) goes through the same model
 * with the state reset where the log says, and the logits, the next state's digest, the chosen bins
 * and the decoded targets must equal the logged ones exactly. The record's fields are read by name
 * through the log header's field table ({@link StepLayout#field}).
 */
public final class ReplayVerifier {
    /** Outcome of a verification; {@code firstMismatch} is null when everything matched. */
    public record Result(long steps, long policySteps, long mismatches, String firstMismatch) {
        public boolean ok() {
            return mismatches == 0;
        }
    }

    private ReplayVerifier() {
    }

    /**
     * @param manifest the policy that ran (its model's SHA-256 must be the one the log recorded)
     * @throws PolicyException when the model is not the logged one or the log lacks what decoding needs
     */
    public static Result verify(Path logDir, PolicyManifest manifest, LongConsumer progress) throws OrtException {
        try (StepLogReader reader = StepLogReader.open(logDir)) {
            HeaderRecord h = reader.header();
            String sha = ModelHash.sha256(manifest.model());
            if (!sha.equals(h.modelSha256())) {
                throw new PolicyException("model " + manifest.model() + " (sha256 " + sha.substring(0, 12)
                    + "...) is not the one this run used (sha256 " + h.modelSha256().substring(0, Math.min(12, h.modelSha256().length()))
                    + "...): pass the run's manifest");
            }
            if (!h.hasDecoding()) {
                throw new StepLogException(logDir + ": the log does not record actuator ranges: it was written by an"
                    + " older dexd and can only be summarised");
            }
            ActuatorRanges ranges = new ActuatorRanges(h.actuatorNames().toArray(new String[0]), h.actuatorLow(),
                h.actuatorHigh());
            try (PolicyRunner runner = PolicyRunner.open(manifest)) {
                return run(reader, runner, new ActionDecoder(manifest.action(), ranges, h.smoothing()), progress);
            }
        }
    }

    /** The step fields a replay reads, looked up once by name. */
    private record Fields(StepField flags, StepField step, StepField observation, StepField logits, StepField bins,
                          StepField policyTargets, StepField actuatorPositions, StepField stateDigest) {
        static Fields of(StepLayout l) {
            return new Fields(l.field("flags"), l.field("step"), l.field("observation"), l.field("logits"), l.field("bins"),
                l.field("policy_targets"), l.field("actuator_positions"), l.field("state_digest"));
        }
    }

    private static Result run(StepLogReader reader, PolicyRunner runner, ActionDecoder decoder, LongConsumer progress)
        throws OrtException {
        Fields f = Fields.of(reader.layout());
        int a = f.actuatorPositions().count();
        double[] positions = new double[a];
        double[] targets = new double[a];
        int[] bins = new int[a];
        long steps = 0;
        long ran = 0;
        long mismatches = 0;
        String first = null;
        for (StepLogReader.Entry e; (e = reader.next()) != StepLogReader.Entry.END; ) {
            if (e != StepLogReader.Entry.STEP) {
                continue;
            }
            StepRecord s = reader.step();
            steps++;
            int flags = (int) f.flags().getLong(s);
            if ((flags & StepFlags.STATE_RESET) != 0) {
                runner.reset();
                decoder.reset();
            }
            for (int i = 0; i < a; i++) {
                positions[i] = f.actuatorPositions().getDouble(s, i);
            }
            if ((flags & StepFlags.POLICY_HELD_NONFINITE) != 0) {
                decoder.hold(positions, targets);
            }
            if ((flags & StepFlags.POLICY_RAN) == 0) {
                continue;
            }
            ran++;
            FloatBuffer in = runner.observation();
            for (int i = 0, base = in.position(); i < f.observation().count(); i++) {
                in.put(base + i, Float.intBitsToFloat((int) f.observation().getBits(s.buffer(), s.offset(), i)));
            }
            runner.run();
            decoder.decode(runner.logits(), positions, targets, bins);
            String problem = compare(f, s, runner, targets, bins);
            if (problem != null) {
                mismatches++;
                if (first == null) {
                    first = "step " + f.step().getLong(s) + ": " + problem;
                }
            }
            if ((steps & 1023) == 0) {
                progress.accept(steps);
            }
        }
        return new Result(steps, ran, mismatches, first);
    }

    private static String compare(Fields f, StepRecord s, PolicyRunner runner, double[] targets, int[] bins) {
        FloatBuffer logits = runner.logits();
        StepField logged = f.logits();
        for (int i = 0; i < logged.count(); i++) {
            int bits = (int) logged.getBits(s.buffer(), s.offset(), i);
            if (Float.floatToRawIntBits(logits.get(i)) != bits) {
                return "logit " + i + " is " + logits.get(i) + ", the log has " + Float.intBitsToFloat(bits);
            }
        }
        long digest = StateDigest.INITIAL;
        for (int i = 0; i < runner.statePairs(); i++) {
            digest = StateDigest.update(digest, runner.state(i));
        }
        if (digest != f.stateDigest().getLong(s)) {
            return "the recurrent state differs from the logged one (digest)";
        }
        for (int i = 0; i < bins.length; i++) {
            long bin = f.bins().getLong(s, i);
            if (bins[i] != bin) {
                return "actuator " + i + " bin is " + bins[i] + ", the log has " + bin;
            }
            long target = f.policyTargets().getBits(s.buffer(), s.offset(), i);
            if (Double.doubleToRawLongBits(targets[i]) != target) {
                return "actuator " + i + " target is " + targets[i] + ", the log has " + Double.longBitsToDouble(target);
            }
        }
        return null;
    }
}
