package dev.dexd.controller.log;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class StepRecordTest {
    private static final StepLayout L = LogFixtures.LAYOUT;

    private static StepRecord fresh(int offset) {
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[offset + L.length() + 64]);
        return new StepRecord(L).wrap(buffer, offset).clear();
    }

    @Test
    void layoutKeepsTimingLastAndEightByteAlignment() {
        assertEquals(0, L.deterministicLength() % 8);
        assertEquals(0, L.length() % 8);
        assertEquals(L.deterministicLength() + 80, L.length());
        assertEquals(0, L.policyTargetsOffset % 8);
        assertEquals(0, L.faceAnglesOffset % 8);
        assertEquals(org.agrona.BitUtil.align(L.binsOffset + L.actuators(), 8), L.deterministicLength(),
            "bins end the deterministic part (then padding to 8)");
    }

    @Test
    void everyFieldRoundTrips() {
        StepRecord r = fresh(16);
        assertEquals(StepLayout.SCHEMA_VERSION, r.schemaVersion());
        r.step(123_456_789_012L).simTimeNanos(-5).flags(StepFlags.OVERRUN | StepFlags.ESTOP_HOLD).episode(3)
            .goalIndex(17).goalState(2).cubePoseCaptureNanos(11).faceAnglesCaptureNanos(12).fingertipsCaptureNanos(13)
            .handReadNanos(14).stateDigest(0xDEADBEEFCAFEBABEL);
        r.addFlags(StepFlags.STATE_RESET);
        r.wallTickNanos(21).latenessNanos(-22).inferenceNanos(23).stepNanos(24).readNanos(25).observationNanos(26)
            .decodeNanos(27).writeNanos(28).logHandoffNanos(29).skippedPeriods(30);
        float[] obs = new float[L.observationSize()];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = i * 1.5f - 7;
        }
        obs[3] = Float.NaN;
        obs[4] = Float.intBitsToFloat(0x7fc00123);
        r.observation().putFrom(obs);
        FloatBuffer logits = ByteBuffer.allocateDirect(4 * (L.actuators() * L.bins() + 5)).order(ByteOrder.nativeOrder())
            .asFloatBuffer();
        for (int i = 0; i < logits.capacity(); i++) {
            logits.put(i, -i * 0.25f);
        }
        logits.position(5);
        r.logits().putFrom(logits);
        assertEquals(5, logits.position(), "bulk copy from a FloatBuffer leaves its position alone");
        int[] bins = new int[L.actuators()];
        double[] a = new double[L.actuators()];
        for (int i = 0; i < bins.length; i++) {
            bins[i] = i % L.bins();
            a[i] = i / 3.0;
        }
        r.bins().putFrom(bins);
        r.policyTargets().putFrom(a);
        r.commandedTargets().set(0, -1.0);
        r.actuatorPositions().set(L.actuators() - 1, 9.5);
        double[] joints = new double[L.joints()];
        Arrays.fill(joints, 0.125);
        r.jointPositions().putFrom(joints);
        r.cubePos().putFrom(new double[] {1, 2, 3});
        r.cubeQuat().putFrom(new double[] {0.5, -0.5, 0.5, -0.5});
        r.faceAngles().putFrom(new double[] {0, 0.1, 0.2, 0.3, 0.4, 0.5});

        StepRecord back = new StepRecord(L).wrap(r.buffer(), 16);
        assertEquals(123_456_789_012L, back.step());
        assertEquals(-5, back.simTimeNanos());
        assertEquals(StepFlags.OVERRUN | StepFlags.ESTOP_HOLD | StepFlags.STATE_RESET, back.flags());
        assertEquals(3, back.episode());
        assertEquals(17, back.goalIndex());
        assertEquals(2, back.goalState());
        assertEquals(11, back.cubePoseCaptureNanos());
        assertEquals(12, back.faceAnglesCaptureNanos());
        assertEquals(13, back.fingertipsCaptureNanos());
        assertEquals(14, back.handReadNanos());
        assertEquals(0xDEADBEEFCAFEBABEL, back.stateDigest());
        assertEquals(21, back.wallTickNanos());
        assertEquals(-22, back.latenessNanos());
        assertEquals(23, back.inferenceNanos());
        assertEquals(24, back.stepNanos());
        assertEquals(25, back.readNanos());
        assertEquals(26, back.observationNanos());
        assertEquals(27, back.decodeNanos());
        assertEquals(28, back.writeNanos());
        assertEquals(29, back.logHandoffNanos());
        assertEquals(30, back.skippedPeriods());
        float[] obsBack = back.observation().toArray();
        for (int i = 0; i < obs.length; i++) {
            assertEquals(Float.floatToRawIntBits(obs[i]), Float.floatToRawIntBits(obsBack[i]), "observation bits " + i);
        }
        FloatBuffer logitsBack = FloatBuffer.allocate(L.actuators() * L.bins());
        back.logits().copyTo(logitsBack);
        for (int i = 0; i < L.actuators() * L.bins(); i++) {
            assertEquals(-(i + 5) * 0.25f, logitsBack.get(i));
            assertEquals(-(i + 5) * 0.25f, back.logits().get(i));
        }
        assertArrayEquals(bins, back.bins().toArray());
        assertArrayEquals(a, back.policyTargets().toArray());
        assertEquals(-1.0, back.commandedTargets().get(0));
        assertEquals(0.0, back.commandedTargets().get(1));
        assertEquals(9.5, back.actuatorPositions().get(L.actuators() - 1));
        assertArrayEquals(joints, back.jointPositions().toArray());
        assertArrayEquals(new double[] {1, 2, 3}, back.cubePos().toArray());
        assertArrayEquals(new double[] {0.5, -0.5, 0.5, -0.5}, back.cubeQuat().toArray());
        assertArrayEquals(new double[] {0, 0.1, 0.2, 0.3, 0.4, 0.5}, back.faceAngles().toArray());
        assertThrows(IndexOutOfBoundsException.class, () -> back.cubePos().get(3));
        assertThrows(IllegalArgumentException.class, () -> back.observation().putFrom(new float[2]));
    }

    @Test
    void fieldsStayInsideTheRecord() {
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[L.length() + 16]);
        buffer.setMemory(0, buffer.capacity(), (byte) 0x5A);
        StepRecord r = new StepRecord(L).wrap(buffer, 8).clear();
        LogFixtures.fill(r, 99, 99);
        for (int i = 0; i < 8; i++) {
            assertEquals(0x5A, buffer.getByte(i));
            assertEquals(0x5A, buffer.getByte(8 + L.length() + i));
        }
        assertNull(LogFixtures.mismatch(r, 99));
    }

    @Test
    void deterministicDigestIgnoresTimingsButNotContent() throws Exception {
        StepRecord a = fresh(0);
        StepRecord b = fresh(0);
        LogFixtures.fill(a, 42, 1);
        LogFixtures.fill(b, 42, 987_654);
        b.skippedPeriods(3).latenessNanos(123_456_789);
        assertEquals(sha(a), sha(b), "timings must not change the deterministic digest");
        assertNotEquals(a.wallTickNanos(), b.wallTickNanos());
        b.observation().set(7, Math.nextUp(b.observation().get(7)));
        assertNotEquals(sha(a), sha(b), "one observation ulp must change it");
    }

    @Test
    void stateDigestIsTheSameForArrayAndBufferAndSeesOneBit() {
        float[] h = {0.1f, -2f, 3.5f, 0f};
        FloatBuffer fb = FloatBuffer.wrap(h.clone());
        long d1 = StateDigest.update(StateDigest.INITIAL, h, 0, h.length);
        long d2 = StateDigest.update(StateDigest.INITIAL, fb);
        assertEquals(d1, d2);
        assertEquals(0, fb.position());
        fb.put(3, -0f);
        assertNotEquals(d1, StateDigest.update(StateDigest.INITIAL, fb), "-0 and +0 differ in bits");
        long chained = StateDigest.update(StateDigest.update(StateDigest.INITIAL, h, 0, 2), h, 2, 2);
        assertEquals(d1, chained);
    }

    @Test
    void eventRecordRoundTripsTruncatesAndSanitises() {
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[EventRecord.lengthFor(1000) + 8]);
        EventRecord e = new EventRecord().wrap(buffer, 8).stampVersion().type(EventType.SUBGOAL_SUCCESS).step(12)
            .simTimeNanos(960_000_000L).wallTimes(5_000L, 5_700L);
        assertEquals(9, e.text("flip U\u00e9\n!"));
        assertEquals(5_000L, e.arrivalNanos());
        assertEquals(5_700L, e.actedNanos());
        assertEquals("flip U??!", e.text());
        assertEquals(EventType.SUBGOAL_SUCCESS, e.type());
        assertEquals(12, e.step());
        assertEquals(960_000_000L, e.simTimeNanos());
        assertEquals(StepLayout.SCHEMA_VERSION, e.schemaVersion());
        assertEquals(EventRecord.HEADER_LENGTH + 9, e.length());
        String longText = "x".repeat(400);
        assertEquals(EventRecord.MAX_TEXT, e.text(longText));
        assertEquals(EventRecord.MAX_TEXT, e.text().length());
        byte[] ascii = "drop cube_z=0.02".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        e.text(ascii, 5, ascii.length - 5);
        assertEquals("cube_z=0.02", e.text());
    }

    @Test
    void eventCodesAreStable() {
        assertEquals(1, EventType.EPISODE_START.code());
        assertEquals(17, EventType.SHUTDOWN.code());
        for (EventType t : EventType.values()) {
            assertSame(t, EventType.fromCode(t.code()));
        }
        assertNull(EventType.fromCode(0));
        assertNull(EventType.fromCode(99));
        assertEquals("stale_cube_pose|overrun", StepFlags.describe(StepFlags.STALE_CUBE_POSE | StepFlags.OVERRUN));
    }

    private static String sha(StepRecord r) throws Exception {
        byte[] bytes = new byte[r.layout().deterministicLength()];
        r.buffer().getBytes(r.offset(), bytes);
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
