#!/usr/bin/env python3
"""Reference vectors for the model zoo: Vectors/zoo/<name>.json.

For every Circuits/<name>/model.onnx this runs onnxruntime (float32, one
thread) on the first 20 samples of Circuits/<name>/test.json and writes

    {"model": name, "input_shape": [...], "output_shape": [...],
     "inputs": [[20 flattened inputs]], "outputs": [[20 flattened outputs]],
     "labels": [20 ints]}

It also evaluates every graph with an independent numpy interpreter
(below; float64, written from the ONNX operator definitions, sharing no code
with the training code in Circuits/zoolib.py) and fails unless it matches
onnxruntime within 1e-4 max abs error on all test.json samples.
Floats are written as the shortest decimal that round-trips to float32.
The models include the two PyTorch exports of Circuits/build_torch_zoo.py
(resnet8_cifar, vgg11_cifar); this script needs only numpy, onnx and
onnxruntime for them too.

Usage: python3 Vectors/zoo/generate_zoo_vectors.py          # every model
       python3 Vectors/zoo/generate_zoo_vectors.py NAME ... # only some
"""

import json
import os
import sys

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import numpy as np  # noqa: E402
import onnx  # noqa: E402
from onnx import numpy_helper  # noqa: E402
import onnxruntime as ort  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CIRCUITS = os.path.join(HERE, "..", "..", "Circuits")
MODELS = ["digits_mlp_small", "digits_mlp", "mnist_mlp", "digits_cnn",
          "lenet5", "cifar_cnn", "resnet8_cifar", "vgg11_cifar"]
N_VECTORS = 20
TOLERANCE = 1e-4


# --------------------------------------------------------------------------
# Independent numpy interpreter for the ops the zoo uses
# --------------------------------------------------------------------------

def _attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def _pool_windows(x, kernel, strides, pads, pad_value):
    """Yields (i, j, window-slice) for each kernel offset: x[..., i::s, j::s]."""
    xp = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])),
                constant_values=pad_value)
    ho = (xp.shape[2] - kernel[0]) // strides[0] + 1
    wo = (xp.shape[3] - kernel[1]) // strides[1] + 1
    for i in range(kernel[0]):
        for j in range(kernel[1]):
            yield i, j, xp[:, :, i:i + strides[0] * (ho - 1) + 1:strides[0],
                           j:j + strides[1] * (wo - 1) + 1:strides[1]]


def op_conv(x, w, b=None, **a):
    assert a.get("group", 1) == 1
    assert list(a.get("dilations", [1, 1])) == [1, 1]
    kernel = list(w.shape[2:])
    strides = list(a.get("strides", [1, 1]))
    pads = list(a.get("pads", [0, 0, 0, 0]))
    y = None
    for i, j, win in _pool_windows(x, kernel, strides, pads, 0.0):
        term = np.einsum("nchw,oc->nohw", win, w[:, :, i, j])
        y = term if y is None else y + term
    if b is not None:
        y = y + b[None, :, None, None]
    return y


def op_maxpool(x, **a):
    assert not a.get("ceil_mode", 0), "ceil_mode MaxPool not needed by the zoo"
    assert list(a.get("dilations", [1, 1])) == [1, 1]
    k, s = list(a["kernel_shape"]), list(a.get("strides", [1, 1]))
    p = list(a.get("pads", [0, 0, 0, 0]))
    wins = [w for _, _, w in _pool_windows(x, k, s, p, -np.inf)]
    return np.max(np.stack(wins), axis=0)


def op_averagepool(x, **a):
    k, s = list(a["kernel_shape"]), list(a.get("strides", [1, 1]))
    p = list(a.get("pads", [0, 0, 0, 0]))
    assert p == [0, 0, 0, 0], "padded AveragePool not needed by the zoo"
    wins = [w for _, _, w in _pool_windows(x, k, s, p, 0.0)]
    return np.sum(np.stack(wins), axis=0) / (k[0] * k[1])


def op_gemm(a_, b_, c=None, alpha=1.0, beta=1.0, transA=0, transB=0):
    a_ = a_.T if transA else a_
    b_ = b_.T if transB else b_
    y = alpha * (a_ @ b_)
    return y if c is None else y + beta * c


def op_batchnorm(x, scale, bias, mean, var, epsilon=1e-5, **_):
    sh = (1, -1) + (1,) * (x.ndim - 2)
    return ((x - mean.reshape(sh)) / np.sqrt(var.reshape(sh) + epsilon)
            * scale.reshape(sh) + bias.reshape(sh))


def op_flatten(x, axis=1):
    return x.reshape(int(np.prod(x.shape[:axis])), -1)


def op_softmax(x, axis=-1):
    z = np.exp(x - x.max(axis=axis, keepdims=True))
    return z / z.sum(axis=axis, keepdims=True)


OPS = {
    "Conv": op_conv,
    "MaxPool": op_maxpool,
    "AveragePool": op_averagepool,
    "GlobalAveragePool": lambda x: x.mean(axis=(2, 3), keepdims=True),
    "Gemm": op_gemm,
    "BatchNormalization": op_batchnorm,
    "Relu": lambda x: np.maximum(x, 0.0),
    "Add": lambda x, y: x + y,
    "Flatten": op_flatten,
    "Softmax": op_softmax,
}


class NumpyModel:
    def __init__(self, path):
        model = onnx.load(path)
        self.graph = model.graph
        self.weights = {t.name: numpy_helper.to_array(t).astype(np.float64)
                        for t in self.graph.initializer}
        self.input_shape = [d.dim_value for d in
                            self.graph.input[0].type.tensor_type.shape.dim]

    def __call__(self, x):
        env = dict(self.weights)
        env[self.graph.input[0].name] = np.asarray(x, np.float64).reshape(self.input_shape)
        for node in self.graph.node:
            args = [env[i] for i in node.input if i]
            env[node.output[0]] = OPS[node.op_type](*args, **_attrs(node))
        return env[self.graph.output[0].name]


# --------------------------------------------------------------------------

def f32_row(row):
    vals = np.asarray(row, dtype=np.float32).reshape(-1)
    out = []
    for v in vals:
        assert np.isfinite(v)
        s = str(v)
        if "e" not in s and "." not in s:
            s += ".0"
        assert np.float32(float(s)).tobytes() == v.tobytes()
        out.append(s)
    return "[" + ",".join(out) + "]"


def session(path):
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    return ort.InferenceSession(path, sess_options=opts,
                                providers=["CPUExecutionProvider"])


def check(path, rows):
    """Max abs error numpy interpreter vs onnxruntime, and the ort outputs."""
    sess, ref = session(path), NumpyModel(path)
    outs, err = [], 0.0
    for row in rows:
        x = np.asarray(row, dtype=np.float32).reshape(ref.input_shape)
        y = sess.run(["output"], {"input": x})[0]
        err = max(err, float(np.abs(ref(x) - y.astype(np.float64)).max()))
        outs.append(y)
    return err, outs


def main(argv):
    names = argv or MODELS
    unknown = [n for n in names if n not in MODELS]
    if unknown:
        sys.exit(f"unknown model(s): {unknown}; choose from {MODELS}")
    ok = True
    for name in names:
        folder = os.path.join(CIRCUITS, name)
        path = os.path.join(folder, "model.onnx")
        with open(os.path.join(folder, "test.json")) as f:
            test = json.load(f)
        rows, labels = test["input_data"], test["labels"]
        err, outs = check(path, rows)
        in_shape = list(np.asarray(rows[0], np.float32).shape)
        status = "ok" if err <= TOLERANCE else "FAIL"
        ok &= err <= TOLERANCE
        print(f"{name:18s} numpy vs onnxruntime max abs error {err:.3e} "
              f"over {len(rows)} samples [{status}]")
        variant = os.path.join(folder, "model_softmax.onnx")
        if os.path.exists(variant):
            verr, _ = check(variant, rows)
            vstatus = "ok" if verr <= TOLERANCE else "FAIL"
            ok &= verr <= TOLERANCE
            print(f"{name + ' (softmax)':18s} numpy vs onnxruntime max abs error "
                  f"{verr:.3e} over {len(rows)} samples [{vstatus}]")
        shape_in = NumpyModel(path).input_shape
        text = (
            f'{{"model": "{name}",\n'
            f'"input_shape": {json.dumps(shape_in)},\n'
            f'"output_shape": {json.dumps(list(outs[0].shape))},\n'
            '"inputs": [\n' + ",\n".join(f32_row(r) for r in rows[:N_VECTORS]) +
            '\n],\n"outputs": [\n' +
            ",\n".join(f32_row(o) for o in outs[:N_VECTORS]) +
            '\n],\n"labels": [' + ",".join(str(int(v)) for v in labels[:N_VECTORS]) +
            "]}\n")
        assert in_shape == [int(np.prod(shape_in))]
        with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8",
                  newline="\n") as f:
            f.write(text)
    if not ok:
        sys.exit("numpy forward pass does not match onnxruntime")
    print("wrote Vectors/zoo/<model>.json for", len(names), "models")


if __name__ == "__main__":
    main(sys.argv[1:])
