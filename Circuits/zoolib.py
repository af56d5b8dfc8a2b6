"""Shared helpers for the zkinfer model zoo (see build_zoo.py).

Everything here is deterministic: fixed seeds, float64 numpy training on a
single BLAS thread, ONNX graphs built node by node in a fixed order, and JSON
written by hand with the shortest float32 round-trip representation.
"""

import os

# One core only, and a fixed thread count so BLAS reductions are reproducible.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import numpy as np  # noqa: E402
import onnx  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

OPSET = 13
IR_VERSION = 8
SPLIT_SEED = 20240611          # the one 75/25 split shared by every model
TEST_CAP = 360                 # test.json holds at most this many samples
CIRCUITS_DIR = os.path.dirname(os.path.abspath(__file__))


# --------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------

def load_split():
    """The seeded 75/25 split of sklearn's bundled 8x8 digits.

    Returns (x_train, y_train, x_test, y_test); images are float64 arrays of
    shape (n, 8, 8) with pixel values scaled to [0, 1] (raw value / 16).
    The test part holds ceil(0.25 * 1797) = 450 samples, in permutation order.
    """
    from sklearn.datasets import load_digits

    digits = load_digits()
    images = digits.images.astype(np.float64) / 16.0
    labels = digits.target.astype(np.int64)
    n = images.shape[0]
    n_test = -(-n // 4)
    perm = np.random.default_rng(SPLIT_SEED).permutation(n)
    test, train = perm[:n_test], perm[n_test:]
    return images[train], labels[train], images[test], labels[test]


def bilinear_matrix(n_in, n_out):
    """1-D linear interpolation matrix (n_out, n_in), half-pixel centres.

    Output pixel i samples the input at x = (i + 0.5) * n_in / n_out - 0.5,
    clamped to [0, n_in - 1]; this is the align_corners=False convention of
    ONNX Resize (coordinate_transformation_mode=half_pixel) and OpenCV.
    """
    a = np.zeros((n_out, n_in), dtype=np.float64)
    scale = n_in / n_out
    for i in range(n_out):
        x = min(max((i + 0.5) * scale - 0.5, 0.0), n_in - 1.0)
        x0 = int(np.floor(x))
        x1 = min(x0 + 1, n_in - 1)
        frac = x - x0
        a[i, x0] += 1.0 - frac
        a[i, x1] += frac
    return a


def upscale(images, size, levels=16):
    """Bilinear upscaling of (n, h, w) images to (n, size, size).

    Separable: out = A @ img @ A.T with A from bilinear_matrix (our own numpy
    implementation, no scipy).  The result is then rounded back to the source
    intensity grid k / levels (the digits are 17-level, 4-bit images), which
    keeps the values exact in float32 and the JSON files small.
    """
    a = bilinear_matrix(images.shape[1], size)
    b = bilinear_matrix(images.shape[2], size)
    up = np.einsum("ij,njk,lk->nil", a, images, b)
    if levels:
        up = np.round(up * levels) / levels
    return np.clip(up, 0.0, 1.0)


# --------------------------------------------------------------------------
# Numpy layers (float64) with forward / backward for training
# --------------------------------------------------------------------------

class Layer:
    def params(self):
        return []

    def forward(self, x, train=False):
        raise NotImplementedError

    def backward(self, grad):
        raise NotImplementedError


class Dense(Layer):
    """y = x @ W.T + b with W of shape (out, in): PyTorch / Gemm transB=1."""

    def __init__(self, name, n_in, n_out, rng, gain=2.0):
        self.name = name
        self.w = rng.normal(0.0, np.sqrt(gain / n_in), size=(n_out, n_in))
        self.b = np.zeros(n_out)
        self.gw = np.zeros_like(self.w)
        self.gb = np.zeros_like(self.b)

    def params(self):
        return [(self.name + ".weight", self.w, self.gw),
                (self.name + ".bias", self.b, self.gb)]

    def forward(self, x, train=False):
        self.x = x
        return x @ self.w.T + self.b

    def backward(self, grad):
        self.gw[...] = grad.T @ self.x
        self.gb[...] = grad.sum(axis=0)
        return grad @ self.w


class ReLU(Layer):
    def __init__(self, name):
        self.name = name

    def forward(self, x, train=False):
        self.mask = x > 0
        return np.where(self.mask, x, 0.0)

    def backward(self, grad):
        return np.where(self.mask, grad, 0.0)


def im2col(x, kh, kw, pad):
    """(N, C, H, W) -> (N*Ho*Wo, C*kh*kw) patches, stride 1, zero padding."""
    if pad:
        x = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    win = np.lib.stride_tricks.sliding_window_view(x, (kh, kw), axis=(2, 3))
    n, c, ho, wo = win.shape[:4]
    cols = win.transpose(0, 2, 3, 1, 4, 5).reshape(n * ho * wo, c * kh * kw)
    return cols, ho, wo


class Conv2d(Layer):
    """Stride-1 square convolution, weights (out, in, k, k) as in ONNX Conv."""

    def __init__(self, name, c_in, c_out, k, pad, rng, bias=True):
        self.name, self.k, self.pad = name, k, pad
        fan_in = c_in * k * k
        self.w = rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(c_out, c_in, k, k))
        self.b = np.zeros(c_out) if bias else None
        self.gw = np.zeros_like(self.w)
        self.gb = np.zeros(c_out) if bias else None

    def params(self):
        out = [(self.name + ".weight", self.w, self.gw)]
        if self.b is not None:
            out.append((self.name + ".bias", self.b, self.gb))
        return out

    def forward(self, x, train=False):
        self.x_shape = x.shape
        cols, ho, wo = im2col(x, self.k, self.k, self.pad)
        self.cols, self.ho, self.wo = cols, ho, wo
        y = cols @ self.w.reshape(self.w.shape[0], -1).T
        if self.b is not None:
            y = y + self.b
        n = x.shape[0]
        return y.reshape(n, ho, wo, -1).transpose(0, 3, 1, 2)

    def backward(self, grad):
        n, c, h, w = self.x_shape
        o, k, p = self.w.shape[0], self.k, self.pad
        g = grad.transpose(0, 2, 3, 1).reshape(-1, o)
        self.gw[...] = (g.T @ self.cols).reshape(self.w.shape)
        if self.b is not None:
            self.gb[...] = g.sum(axis=0)
        dcols = (g @ self.w.reshape(o, -1)).reshape(n, self.ho, self.wo, c, k, k)
        dx = np.zeros((n, c, h + 2 * p, w + 2 * p))
        for i in range(k):
            for j in range(k):
                dx[:, :, i:i + self.ho, j:j + self.wo] += \
                    dcols[:, :, :, :, i, j].transpose(0, 3, 1, 2)
        return dx[:, :, p:p + h, p:p + w]


def _windows2x2(x):
    n, c, h, w = x.shape
    return (x.reshape(n, c, h // 2, 2, w // 2, 2)
             .transpose(0, 1, 2, 4, 3, 5).reshape(n, c, h // 2, w // 2, 4))


def _unwindows2x2(win):
    n, c, h2, w2, _ = win.shape
    return (win.reshape(n, c, h2, w2, 2, 2)
               .transpose(0, 1, 2, 4, 3, 5).reshape(n, c, 2 * h2, 2 * w2))


class MaxPool2(Layer):
    """2x2 max pooling, stride 2 (gradient to the first maximum of a window)."""

    def __init__(self, name):
        self.name = name

    def forward(self, x, train=False):
        win = _windows2x2(x)
        self.idx = win.argmax(axis=-1)
        self.win_shape = win.shape
        return win.max(axis=-1)

    def backward(self, grad):
        g = np.zeros(self.win_shape)
        np.put_along_axis(g, self.idx[..., None], grad[..., None], axis=-1)
        return _unwindows2x2(g)


class AvgPool2(Layer):
    """2x2 average pooling, stride 2."""

    def __init__(self, name):
        self.name = name

    def forward(self, x, train=False):
        return _windows2x2(x).mean(axis=-1)

    def backward(self, grad):
        g = np.repeat(grad[..., None] / 4.0, 4, axis=-1)
        return _unwindows2x2(g)


class Flatten(Layer):
    def __init__(self, name):
        self.name = name

    def forward(self, x, train=False):
        self.shape = x.shape
        return x.reshape(x.shape[0], -1)

    def backward(self, grad):
        return grad.reshape(self.shape)


class Sequential:
    def __init__(self, layers):
        self.layers = layers

    def params(self):
        return [p for layer in self.layers for p in layer.params()]

    def forward(self, x, train=False):
        for layer in self.layers:
            x = layer.forward(x, train)
        return x

    def backward(self, grad):
        for layer in reversed(self.layers):
            grad = layer.backward(grad)
        return grad

    def predict(self, x, batch=256):
        return np.concatenate([self.forward(x[i:i + batch])
                               for i in range(0, len(x), batch)])


def softmax_xent(logits, labels):
    """Mean cross-entropy and its gradient w.r.t. the logits."""
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    n = len(labels)
    loss = -np.log(p[np.arange(n), labels] + 1e-300).mean()
    p[np.arange(n), labels] -= 1.0
    return loss, p / n


def train_adam(model, x, y, *, epochs, batch, lr, seed, weight_decay=0.0,
               lr_final_frac=0.1, log=print):
    """Minibatch Adam (decoupled weight decay), cosine learning-rate decay.

    Returns a list of per-epoch (mean loss, train accuracy).
    """
    rng = np.random.default_rng(seed)
    params = model.params()
    m = [np.zeros_like(p) for _, p, _ in params]
    v = [np.zeros_like(p) for _, p, _ in params]
    b1, b2, eps = 0.9, 0.999, 1e-8
    steps_per_epoch = -(-len(x) // batch)
    total = epochs * steps_per_epoch
    t = 0
    history = []
    for epoch in range(epochs):
        order = rng.permutation(len(x))
        losses, correct = [], 0
        for s in range(0, len(x), batch):
            idx = order[s:s + batch]
            logits = model.forward(x[idx], train=True)
            loss, grad = softmax_xent(logits, y[idx])
            correct += int((logits.argmax(axis=1) == y[idx]).sum())
            losses.append(loss * len(idx))
            model.backward(grad)
            t += 1
            cur_lr = lr * (lr_final_frac + (1 - lr_final_frac) *
                           0.5 * (1 + np.cos(np.pi * (t - 1) / total)))
            for i, (_, p, g) in enumerate(params):
                m[i] = b1 * m[i] + (1 - b1) * g
                v[i] = b2 * v[i] + (1 - b2) * g * g
                mh = m[i] / (1 - b1 ** t)
                vh = v[i] / (1 - b2 ** t)
                if weight_decay and p.ndim > 1:
                    p -= cur_lr * weight_decay * p
                p -= cur_lr * mh / (np.sqrt(vh) + eps)
        history.append((sum(losses) / len(x), correct / len(x)))
        if log and (epoch == 0 or (epoch + 1) % max(1, epochs // 5) == 0):
            log(f"    epoch {epoch + 1:3d}/{epochs}: loss {history[-1][0]:.4f} "
                f"train acc {history[-1][1]:.4f}")
    return history


# --------------------------------------------------------------------------
# ONNX graph building
# --------------------------------------------------------------------------

class GraphBuilder:
    """Collects initializers and nodes in insertion order (deterministic)."""

    def __init__(self, name):
        self.name = name
        self.nodes = []
        self.inits = []
        self._node_names = set()
        self._init_names = set()

    def init(self, name, array):
        assert name not in self._init_names, name
        self._init_names.add(name)
        arr = np.ascontiguousarray(np.asarray(array, dtype=np.float32))
        self.inits.append(numpy_helper.from_array(arr, name=name))
        return name

    def node(self, op, inputs, output, name, **attrs):
        assert name not in self._node_names, name
        self._node_names.add(name)
        self.nodes.append(helper.make_node(op, list(inputs), [output],
                                           name=name, **attrs))
        return output

    # Convenience wrappers, PyTorch-export style attributes spelled out.
    def gemm(self, name, x, w, b, out=None):
        wn = self.init(name + ".weight", w)
        bn = self.init(name + ".bias", b)
        return self.node("Gemm", [x, wn, bn], out or name + "_out", name,
                         alpha=1.0, beta=1.0, transB=1)

    def conv(self, name, x, w, b, pad, out=None):
        inputs = [x, self.init(name + ".weight", w)]
        if b is not None:
            inputs.append(self.init(name + ".bias", b))
        k = list(np.asarray(w).shape[2:])
        return self.node("Conv", inputs, out or name + "_out", name,
                         dilations=[1, 1], group=1, kernel_shape=k,
                         pads=[pad, pad, pad, pad], strides=[1, 1])

    def batchnorm(self, name, x, gamma, beta, mean, var, eps=1e-5):
        ins = [x, self.init(name + ".weight", gamma), self.init(name + ".bias", beta),
               self.init(name + ".running_mean", mean),
               self.init(name + ".running_var", var)]
        return self.node("BatchNormalization", ins, name + "_out", name,
                         epsilon=eps, momentum=0.9)

    def relu(self, name, x):
        return self.node("Relu", [x], name + "_out", name)

    def maxpool(self, name, x):
        return self.node("MaxPool", [x], name + "_out", name,
                         kernel_shape=[2, 2], pads=[0, 0, 0, 0], strides=[2, 2])

    def avgpool(self, name, x):
        return self.node("AveragePool", [x], name + "_out", name,
                         kernel_shape=[2, 2], pads=[0, 0, 0, 0], strides=[2, 2])

    def flatten(self, name, x):
        return self.node("Flatten", [x], name + "_out", name, axis=1)

    def build(self, input_shape, output_shape, doc, weights):
        graph = helper.make_graph(
            self.nodes, self.name,
            [helper.make_tensor_value_info("input", TensorProto.FLOAT, input_shape)],
            [helper.make_tensor_value_info("output", TensorProto.FLOAT, output_shape)],
            initializer=self.inits, doc_string=doc)
        model = helper.make_model(
            graph, opset_imports=[helper.make_opsetid("", OPSET)],
            ir_version=IR_VERSION, producer_name="zkinfer-zoo",
            producer_version="1", doc_string=doc)
        assert weights in ("trained", "random")
        helper.set_model_props(model, {"zkinfer.zoo.weights": weights})
        model = onnx.shape_inference.infer_shapes(model, check_type=True,
                                                  strict_mode=True)
        onnx.checker.check_model(model, full_check=True)
        # Every intermediate tensor must have a fully static shape.
        for vi in list(model.graph.value_info) + list(model.graph.output):
            dims = vi.type.tensor_type.shape.dim
            assert dims and all(d.HasField("dim_value") for d in dims), vi.name
        return model


def save_model(model, path):
    data = model.SerializeToString(deterministic=True)
    with open(path, "wb") as f:
        f.write(data)
    # Re-check the file as written.
    onnx.checker.check_model(onnx.load(path), full_check=True)


def model_stats(model):
    """(parameter count, MAC count) of an ONNX model with inferred shapes.

    Parameters: number of elements in all initializers (BatchNormalization's
    running mean/var included).  MACs: multiply-accumulates of Conv and Gemm
    nodes only (output elements x fan-in); elementwise ops, BN and pooling
    are not counted.  Shapes come from ONNX shape inference (the PyTorch
    exports of build_torch_zoo.py carry no value_info of their own).
    """
    model = onnx.shape_inference.infer_shapes(model)
    params = sum(int(np.prod(t.dims)) for t in model.graph.initializer)
    shapes = {}
    for vi in (list(model.graph.input) + list(model.graph.value_info)
               + list(model.graph.output)):
        shapes[vi.name] = [d.dim_value for d in vi.type.tensor_type.shape.dim]
    init_shapes = {t.name: list(t.dims) for t in model.graph.initializer}
    macs = 0
    for node in model.graph.node:
        if node.op_type == "Conv":
            w = init_shapes[node.input[1]]
            macs += int(np.prod(shapes[node.output[0]])) * int(np.prod(w[1:]))
        elif node.op_type == "Gemm":
            w = init_shapes[node.input[1]]
            macs += int(np.prod(shapes[node.output[0]])) * w[1]
    return params, macs


def ort_session(path):
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    return ort.InferenceSession(path, sess_options=opts,
                                providers=["CPUExecutionProvider"])


def ort_run(path, rows, input_shape):
    """Runs the model one sample at a time (batch dimension is fixed to 1)."""
    sess = ort_session(path)
    outs = []
    for row in rows:
        x = np.asarray(row, dtype=np.float32).reshape(input_shape)
        outs.append(sess.run(["output"], {"input": x})[0].reshape(-1))
    return np.stack(outs)


# --------------------------------------------------------------------------
# JSON with float32 shortest round-trip floats
# --------------------------------------------------------------------------

def f32_str(x):
    """Shortest decimal that parses back to exactly this float32 value."""
    v = np.float32(x)
    assert np.isfinite(v), x
    s = str(v)
    if "e" not in s and "." not in s:
        s += ".0"
    return s


def f32_row(row):
    vals = np.asarray(row, dtype=np.float32).reshape(-1)
    strs = [f32_str(v) for v in vals]
    back = np.array([float(s) for s in strs], dtype=np.float32)
    assert np.array_equal(back.view(np.uint32), vals.view(np.uint32))
    return "[" + ",".join(strs) + "]"


def rows_json(rows):
    return "[\n" + ",\n".join(f32_row(r) for r in rows) + "\n]"


def write_text(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def write_input_json(path, rows, labels=None):
    """EZKL-style {"input_data": [[...], ...]} (plus "labels" for test sets)."""
    text = '{"input_data": ' + rows_json(rows)
    if labels is not None:
        text += ',\n"labels": [' + ",".join(str(int(v)) for v in labels) + "]"
    write_text(path, text + "}\n")
