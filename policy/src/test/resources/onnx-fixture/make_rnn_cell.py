"""Writes rnn_cell.onnx, a model made by the onnx Python package (not by dexd's own writer), for
OnnxForeignModelTest. Run once with Debian's python3-onnx (1.12.0):

    apt-get install python3-onnx
    /usr/bin/python3 make_rnn_cell.py

The weights are simple formulas that the test recomputes; change them here and there together."""
import numpy as np
import onnx
from onnx import TensorProto, helper

OBS, HID, OUT = 6, 4, 3


def w(rows, cols, a, b, c):
    return np.array([[a * (i + 1) + b * j + c for j in range(cols)] for i in range(rows)], dtype=np.float32)


w_x = w(OBS, HID, 0.1, -0.05, 0.0)      # W_x[i][j] = 0.1 (i + 1) - 0.05 j
w_h = w(HID, HID, -0.2, 0.1, 0.3)       # W_h[i][j] = -0.2 (i + 1) + 0.1 j + 0.3
b = np.array([0.01 * j for j in range(HID)], dtype=np.float32)
w_o = w(HID, OUT, 0.5, -0.25, -0.1)     # W_o[i][j] = 0.5 (i + 1) - 0.25 j - 0.1
b_o = np.array([1.0, -1.0, 0.5], dtype=np.float32)

initializers = [
    helper.make_tensor("W_x", TensorProto.FLOAT, w_x.shape, w_x.tobytes(), raw=True),   # raw_data
    helper.make_tensor("W_h", TensorProto.FLOAT, w_h.shape, w_h.flatten().tolist()),     # float_data
    helper.make_tensor("b", TensorProto.FLOAT, b.shape, b.tolist()),
    helper.make_tensor("W_o", TensorProto.FLOAT, w_o.shape, w_o.tobytes(), raw=True),
    helper.make_tensor("b_o", TensorProto.FLOAT, b_o.shape, b_o.tolist()),
    helper.make_tensor("logits_shape", TensorProto.INT64, [3], [-1, 1, OUT]),           # not a weight
]
nodes = [
    helper.make_node("MatMul", ["obs", "W_x"], ["xw"]),
    helper.make_node("MatMul", ["h_in", "W_h"], ["hw"]),
    helper.make_node("Add", ["xw", "hw"], ["pre"]),
    helper.make_node("Add", ["pre", "b"], ["pre_b"]),
    helper.make_node("Tanh", ["pre_b"], ["h_out"]),
    helper.make_node("MatMul", ["h_out", "W_o"], ["y"]),
    helper.make_node("Add", ["y", "b_o"], ["y_b"]),
    helper.make_node("Reshape", ["y_b", "logits_shape"], ["logits"]),
]
graph = helper.make_graph(
    nodes, "rnn_cell",
    inputs=[helper.make_tensor_value_info("obs", TensorProto.FLOAT, ["batch", OBS]),
            helper.make_tensor_value_info("h_in", TensorProto.FLOAT, ["batch", HID])],
    outputs=[helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 1, OUT]),
             helper.make_tensor_value_info("h_out", TensorProto.FLOAT, ["batch", HID])],
    initializer=initializers,
    doc_string="a tanh RNN cell: h_out = tanh(obs W_x + h_in W_h + b), logits = h_out W_o + b_o")
model = helper.make_model(
    graph, producer_name="onnx-python-helper", producer_version=onnx.__version__, ir_version=7,
    opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid("ai.onnx.ml", 2)],
    doc_string="dexd test fixture, made by onnx.helper")
helper.set_model_props(model, {"made_by": "make_rnn_cell.py"})
onnx.checker.check_model(model)
onnx.save(model, "rnn_cell.onnx")
print(onnx.__version__, len(model.SerializeToString()), "bytes")
