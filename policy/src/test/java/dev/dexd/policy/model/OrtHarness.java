package dev.dexd.policy.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * A recurrent policy session in plain ONNX Runtime, single-threaded, carrying h and c from each
 * step's outputs to the next step's inputs. Test code: allocates freely.
 */
final class OrtHarness implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final String obsName;
    private final String hIn;
    private final String cIn;
    private final String logitsName;
    private final String hOut;
    private final String cOut;
    private float[] h;
    private float[] c;
    private final long[] stateShape;

    OrtHarness(byte[] model, String obsName, String hIn, String cIn, String logitsName, String hOut, String cOut,
               int hidden) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = env.createSession(model, options);
        }
        this.obsName = obsName;
        this.hIn = hIn;
        this.cIn = cIn;
        this.logitsName = logitsName;
        this.hOut = hOut;
        this.cOut = cOut;
        this.stateShape = new long[] {1, 1, hidden};
        this.h = new float[hidden];
        this.c = new float[hidden];
    }

    static long[] shape(Map<String, NodeInfo> infos, String name) {
        return ((TensorInfo) infos.get(name).getInfo()).getShape();
    }

    OrtSession session() {
        return session;
    }

    void step(float[] observation, float[] logitsOut) throws OrtException {
        try (OnnxTensor obs = OnnxTensor.createTensor(env, FloatBuffer.wrap(observation), new long[] {1, observation.length});
             OnnxTensor hTensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(h), stateShape);
             OnnxTensor cTensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(c), stateShape);
             OrtSession.Result result = session.run(Map.of(obsName, obs, hIn, hTensor, cIn, cTensor))) {
            ((OnnxTensor) result.get(logitsName).get()).getFloatBuffer().get(logitsOut);
            h = floats((OnnxTensor) result.get(hOut).get());
            c = floats((OnnxTensor) result.get(cOut).get());
        }
    }

    float[] h() {
        return h.clone();
    }

    float[] c() {
        return c.clone();
    }

    private static float[] floats(OnnxTensor tensor) {
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
