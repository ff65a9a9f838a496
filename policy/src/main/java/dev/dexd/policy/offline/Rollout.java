package dev.dexd.policy.offline;

import ai.onnxruntime.OrtException;
import dev.dexd.policy.PolicyException;
import dev.dexd.policy.action.ActionDecoder;
import dev.dexd.policy.action.ActuatorRanges;
import dev.dexd.policy.manifest.PolicyManifest;
import dev.dexd.policy.observation.ObservationAssembler;
import dev.dexd.policy.onnx.PolicyRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.FloatBuffer;
import java.util.function.LongConsumer;

/**
 * Feeds raw observation rows through the policy with carried state, exactly as the daemon would
 * (same normalisation, same runner, same arg-max), and writes per step: step, the chosen bin of each
 * actuator, then all logits. The parity check users run against their training framework.
 */
public final class Rollout {
    private final PolicyRunner runner;
    private final ObservationAssembler assembler;
    private final ActionDecoder decoder;
    private final int actuators;

    public Rollout(PolicyRunner runner) {
        PolicyManifest m = runner.manifest();
        this.runner = runner;
        this.assembler = new ObservationAssembler(m);
        this.actuators = m.action().actuators().size();
        this.decoder = new ActionDecoder(m.action(), neutralRanges(actuators), 0.0);
    }

    /**
     * Runs every row of {@code in} and writes one CSV row per step to {@code out}.
     *
     * @param resetEvery zero the state before every step that is a multiple of this (0: never)
     * @param progress called with the step count now and then (for a progress line)
     * @return the number of steps run
     */
    public long run(BufferedReader in, String inName, Writer out, int resetEvery, LongConsumer progress)
        throws IOException, OrtException {
        ObservationCsv csv = new ObservationCsv(in, inName, columnFeatures(runner.manifest()));
        double[] row = new double[assembler.size()];
        double[] current = new double[actuators];
        double[] targets = new double[actuators];
        int[] bins = new int[actuators];
        int bpa = runner.manifest().action().bins();
        writeHeader(out, bpa);
        StringBuilder line = new StringBuilder(4096);
        long step = 0;
        runner.reset();
        while (csv.next(row)) {
            if (resetEvery > 0 && step > 0 && step % resetEvery == 0) {
                runner.reset();
            }
            assembler.normalize(row, runner.observation());
            runner.run();
            FloatBuffer logits = runner.logits();
            decoder.decode(logits, current, targets, bins);
            line.setLength(0);
            line.append(step);
            for (int b : bins) {
                line.append(',').append(b);
            }
            for (int i = 0, n = actuators * bpa; i < n; i++) {
                line.append(',').append(logits.get(i));
            }
            line.append('\n');
            out.append(line);
            step++;
            if ((step & 1023) == 0) {
                progress.accept(step);
            }
        }
        if (step == 0) {
            throw new PolicyException(inName + " has no observation rows (it is empty or only a header): give one row"
                + " of " + assembler.size() + " numbers per step");
        }
        return step;
    }

    /** The manifest feature of each observation column. */
    static String[] columnFeatures(PolicyManifest m) {
        String[] names = new String[m.observationSize()];
        for (PolicyManifest.FeatureSlot slot : m.features()) {
            java.util.Arrays.fill(names, slot.offset(), slot.offset() + slot.feature().size(), slot.feature().key());
        }
        return names;
    }

    private void writeHeader(Writer out, int bpa) throws IOException {
        StringBuilder h = new StringBuilder("step");
        for (String a : runner.manifest().action().actuators()) {
            h.append(",bin_").append(a);
        }
        for (String a : runner.manifest().action().actuators()) {
            for (int k = 0; k < bpa; k++) {
                h.append(",logit_").append(a).append('_').append(k);
            }
        }
        out.append(h).append('\n');
    }

    /** Bins do not depend on ranges; decoding needs some, so any valid ones serve. */
    private static ActuatorRanges neutralRanges(int n) {
        String[] names = new String[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            names[i] = "a" + i;
            lo[i] = -1;
            hi[i] = 1;
        }
        return new ActuatorRanges(names, lo, hi);
    }
}
