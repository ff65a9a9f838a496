package dev.dexd.policy.observation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.policy.bench.AllocationMeter;
import dev.dexd.policy.manifest.ManifestLoader;
import dev.dexd.policy.manifest.PolicyManifest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObservationAssemblerTest {
    @TempDir
    Path dir;

    PolicyManifest manifest(String features, String normalization) throws IOException {
        Path p = dir.resolve("m.yaml");
        Files.writeString(p, "model: m.onnx\nperiod_ms: 80\nobservation:\n  tensor: obs\n  features:\n" + features
            + normalization + "action: {tensor: l, bins: 11, mapping: relative, actuators: [A]}\n");
        return ManifestLoader.load(p);
    }

    static FloatBuffer buffer(int n) {
        return ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Test
    void writesFeaturesInManifestOrder() throws IOException {
        PolicyManifest m = manifest("    - {name: cube_quat, size: 4}\n    - {name: cube_pos, size: 3}\n", "");
        ObservationAssembler a = new ObservationAssembler(m);
        SensorSnapshot s = new SensorSnapshot();
        s.cubePos[0] = 0.1;
        s.cubePos[2] = 0.3;
        s.cubeQuat[0] = 0.5;
        FloatBuffer out = buffer(7);
        assertTrue(a.assemble(s, new double[7], out));
        assertEquals(0.5f, out.get(0));
        assertEquals(0.1f, out.get(4));
        assertEquals(0.3f, out.get(6));
    }

    @Test
    void normalisesAndClips() throws IOException {
        PolicyManifest m = manifest("    - {name: cube_pos, size: 3}\n",
            "  normalization: {mean: [1, 0, 0], std: [2, 0.001, 1], clip: 5}\n");
        ObservationAssembler a = new ObservationAssembler(m);
        SensorSnapshot s = new SensorSnapshot();
        s.cubePos[0] = 4;     // (4-1)/2 = 1.5
        s.cubePos[1] = 1;     // 1000 -> clipped to 5
        s.cubePos[2] = -9;    // -9 -> clipped to -5
        FloatBuffer out = buffer(3);
        a.assemble(s, new double[3], out);
        assertEquals(1.5f, out.get(0));
        assertEquals(5f, out.get(1));
        assertEquals(-5f, out.get(2));
    }

    @Test
    void relativeFeatures() throws IOException {
        PolicyManifest m = manifest("    - {name: rel_goal_quat, size: 4}\n    - {name: rel_goal_face_angles, size: 12}\n"
            + "    - {name: goal_face_angles, size: 12}\n", "");
        ObservationAssembler a = new ObservationAssembler(m);
        SensorSnapshot s = new SensorSnapshot();
        // cube turned +90 deg about z, goal at +180 deg about z: 90 deg still to go about z
        s.cubeQuat[0] = Math.cos(Math.PI / 4);
        s.cubeQuat[3] = Math.sin(Math.PI / 4);
        s.goalQuat[0] = 0;
        s.goalQuat[3] = 1;
        s.goalFaceAngles[0] = Math.PI / 2;
        s.cubeFaceAngles[0] = 3.0;             // goal - cube = -1.429 rad
        s.cubeFaceAngles[1] = -3.0;            // goal - cube = 3 rad
        s.goalFaceAngles[1] = 0.0;
        double[] raw = new double[28];
        assertTrue(a.compute(s, raw));
        assertEquals(Math.cos(Math.PI / 4), raw[0], 1e-12);
        assertEquals(Math.sin(Math.PI / 4), raw[3], 1e-12);
        assertEquals(Math.sin(Math.PI / 2 - 3.0), raw[4], 1e-12);
        assertEquals(Math.cos(Math.PI / 2 - 3.0), raw[5], 1e-12);
        assertEquals(Math.sin(3.0), raw[6], 1e-12);
        assertEquals(1.0, raw[16], 1e-12);      // sin(goal U = pi/2)
        assertEquals(0.0, raw[17], 1e-12);
        assertEquals(1.0, raw[19], 1e-12);      // cos(goal R = 0)
    }

    @Test
    void nonFiniteInputIsRefusedAndTheBufferIsUntouched() throws IOException {
        PolicyManifest m = manifest("    - {name: cube_pos, size: 3}\n", "");
        ObservationAssembler a = new ObservationAssembler(m);
        SensorSnapshot s = new SensorSnapshot();
        FloatBuffer out = buffer(3);
        out.put(0, 42f);
        s.cubePos[1] = Double.NaN;
        assertFalse(a.assemble(s, new double[3], out));
        s.cubePos[1] = Double.POSITIVE_INFINITY;
        assertFalse(a.assemble(s, new double[3], out));
        assertEquals(42f, out.get(0));
    }

    @Test
    void allocatesNothing() throws IOException {
        PolicyManifest m = manifest("    - {name: fingertip_pos, size: 15}\n    - {name: cube_pos, size: 3}\n"
            + "    - {name: cube_quat, size: 4}\n    - {name: goal_quat, size: 4}\n    - {name: rel_goal_quat, size: 4}\n"
            + "    - {name: goal_face_angles, size: 12}\n    - {name: rel_goal_face_angles, size: 12}\n", "");
        ObservationAssembler a = new ObservationAssembler(m);
        SensorSnapshot s = new SensorSnapshot();
        double[] raw = new double[54];
        FloatBuffer out = buffer(54);
        for (int i = 0; i < 20_000; i++) {
            s.cubePos[0] = i;
            a.assemble(s, raw, out);
        }
        assertEquals(0, AllocationMeter.leastAllocated(5, () -> {
            for (int i = 0; i < 10_000; i++) {
                s.cubePos[0] = i;
                a.assemble(s, raw, out);
            }
        }), "bytes allocated by 10,000 assemblies, in the best of five windows");
    }

    @Test
    void wrapsAngles() {
        assertEquals(-Math.PI / 2, Angles.wrap(3 * Math.PI / 2), 1e-12);
        assertEquals(0.5, Angles.wrap(0.5 + 4 * Math.PI), 1e-12);
        assertEquals(-Math.PI, Angles.wrap(Math.PI), 1e-12);
    }
}
