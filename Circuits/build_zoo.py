#!/usr/bin/env python3
"""Builds the zkinfer model zoo: Circuits/<name>/{model.onnx, calibration.json,
test.json, README.md} for six models, plus the index Circuits/README.md.

Usage:  python3 Circuits/build_zoo.py            # all six models
        python3 Circuits/build_zoo.py lenet5 ... # only some (index is rebuilt
                                                 # from the artifacts on disk)

Deterministic: fixed seeds, float64 numpy training on one BLAS thread, ONNX
graphs built in a fixed order and serialized deterministically.
Data: sklearn's bundled load_digits only (nothing is downloaded).
"""

import os
import sys

sys.dont_write_bytecode = True  # keep Circuits/ free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import zoolib as Z  # noqa: E402  (sets the single-thread environment first)
from zoolib import np  # noqa: E402

REGEN = "python3 Circuits/build_zoo.py"
MODELS = ["digits_mlp_small", "digits_mlp", "mnist_mlp", "digits_cnn",
          "lenet5", "cifar_cnn"]
# Built by Circuits/build_torch_zoo.py (needs torch); listed in the index too.
TORCH_MODELS = ["resnet8_cifar", "vgg11_cifar"]


class Data:
    """The shared split and its derived input formats (computed lazily)."""

    def __init__(self):
        self.x8_train, self.y_train, self.x8_test_full, self.y_test_full = Z.load_split()
        # test.json holds the first TEST_CAP samples of the test split.
        self.x8_test = self.x8_test_full[:Z.TEST_CAP]
        self.y_test = self.y_test_full[:Z.TEST_CAP]
        self._cache = {}

    def images(self, size):
        """(train, test) images upscaled to size x size (size 8 = as is)."""
        if size not in self._cache:
            if size == 8:
                self._cache[size] = (self.x8_train, self.x8_test)
            else:
                self._cache[size] = (Z.upscale(self.x8_train, size),
                                     Z.upscale(self.x8_test, size))
        return self._cache[size]


# --------------------------------------------------------------------------
# Export of trained Sequential models
# --------------------------------------------------------------------------

def export_sequential(net, graph_name, input_shape, n_out, doc, softmax=False):
    g = Z.GraphBuilder(graph_name)
    x = "input"
    layers = net.layers
    for i, layer in enumerate(layers):
        last = i == len(layers) - 1
        out = ("logits" if softmax else "output") if last else None
        if isinstance(layer, Z.Dense):
            x = g.gemm(layer.name, x, layer.w, layer.b, out=out)
        elif isinstance(layer, Z.Conv2d):
            x = g.conv(layer.name, x, layer.w, layer.b, layer.pad, out=out)
        elif isinstance(layer, Z.ReLU):
            x = g.relu(layer.name, x)
        elif isinstance(layer, Z.MaxPool2):
            x = g.maxpool(layer.name, x)
        elif isinstance(layer, Z.AvgPool2):
            x = g.avgpool(layer.name, x)
        elif isinstance(layer, Z.Flatten):
            x = g.flatten(layer.name, x)
        else:
            raise TypeError(layer)
        assert not last or x == out, "last layer must be Gemm or Conv"
    if softmax:
        g.node("Softmax", ["logits"], "output", "softmax", axis=1)
    return g.build(input_shape, [1, n_out], doc, "trained")


def train_and_report(net, x_train, y_train, x_test, y_test, **kw):
    print(f"  training: {kw}")
    hist = Z.train_adam(net, x_train, y_train, **kw)
    acc = float((net.predict(x_test).argmax(1) == y_test).mean())
    print(f"  numpy float64 test accuracy {acc:.4f}")
    return hist


def train_text(kw, hist, n_train, extra=""):
    return (
        f"Trained in numpy (float64, exported as float32) on the {n_train} "
        f"training samples of the shared split: softmax cross-entropy, Adam "
        f"(beta1 0.9, beta2 0.999), batch {kw['batch']}, {kw['epochs']} epochs, "
        f"learning rate {kw['lr']:g} with cosine decay to "
        f"{kw.get('lr_final_frac', 0.1):g}x, decoupled weight decay "
        f"{kw.get('weight_decay', 0.0):g} on weight matrices, He-normal init, "
        f"seed {kw['seed']}. Final epoch: loss {hist[-1][0]:.4f}, train accuracy "
        f"{100 * hist[-1][1]:.2f} %.{extra}")


# --------------------------------------------------------------------------
# The six models
# --------------------------------------------------------------------------

DIGITS_INPUT = ("8x8 digit image flattened row-major, pixel values raw/16 in "
                "[0, 1] (17 levels k/16)")
UPSCALE_NOTE = ("the 8x8 digit upscaled to {s}x{s} with our own numpy bilinear "
                "interpolation (half-pixel centres, i.e. align_corners=False; "
                "`zoolib.upscale`, no scipy) and rounded back to the source's "
                "17 intensity levels k/16 (exact in float32, keeps the JSON small)")


def digits_mlp_small(d):
    seed = 101
    x_tr, x_te = (a.reshape(len(a), 64) for a in d.images(8))
    rng = np.random.default_rng(seed)
    net = Z.Sequential([Z.Dense("fc1", 64, 32, rng), Z.ReLU("relu1"),
                        Z.Dense("fc2", 32, 10, rng, gain=1.0)])
    kw = dict(epochs=100, batch=32, lr=3e-3, seed=seed, weight_decay=1e-4)
    hist = train_and_report(net, x_tr, d.y_train, x_te, d.y_test, **kw)
    doc = "zkinfer zoo digits_mlp_small: MLP 64-32-10 on 8x8 digits"
    variants = {"model_softmax.onnx": export_sequential(
        net, "digits_mlp_small_softmax", [1, 64], 10, doc + " (+ Softmax)",
        softmax=True)}
    return dict(
        onnx=export_sequential(net, "digits_mlp_small", [1, 64], 10, doc),
        input_shape=[1, 64], x_train=x_tr, x_test=x_te, n_calib=200,
        summary="Smallest model: a two-layer MLP 64-32-10 (Gemm -> Relu -> Gemm) "
                "on the 8x8 digits.",
        input_desc=DIGITS_INPUT, trained=True,
        training=train_text(kw, hist, len(x_tr)), variants=variants,
        extra_files=[("model_softmax.onnx",
                      "the same network with a trailing `Softmax` (axis 1) node: "
                      "`fc2` writes `logits`, `softmax` writes `output`. Used to "
                      "test that the importer drops a final Softmax.")])


def digits_mlp(d):
    seed = 102
    x_tr, x_te = (a.reshape(len(a), 64) for a in d.images(8))
    rng = np.random.default_rng(seed)
    net = Z.Sequential([Z.Dense("fc1", 64, 256, rng), Z.ReLU("relu1"),
                        Z.Dense("fc2", 256, 256, rng), Z.ReLU("relu2"),
                        Z.Dense("fc3", 256, 10, rng, gain=1.0)])
    kw = dict(epochs=40, batch=32, lr=1e-3, seed=seed, weight_decay=1e-4)
    hist = train_and_report(net, x_tr, d.y_train, x_te, d.y_test, **kw)
    return dict(
        onnx=export_sequential(net, "digits_mlp", [1, 64], 10,
                               "zkinfer zoo digits_mlp: MLP 64-256-256-10 on 8x8 digits"),
        input_shape=[1, 64], x_train=x_tr, x_test=x_te, n_calib=200,
        summary="Three-layer MLP 64-256-256-10 (Gemm/Relu) on the 8x8 digits.",
        input_desc=DIGITS_INPUT, trained=True,
        training=train_text(kw, hist, len(x_tr)))


def mnist_mlp(d):
    seed = 103
    x_tr, x_te = (a.reshape(len(a), 784) for a in d.images(28))
    rng = np.random.default_rng(seed)
    net = Z.Sequential([Z.Dense("fc1", 784, 256, rng), Z.ReLU("relu1"),
                        Z.Dense("fc2", 256, 128, rng), Z.ReLU("relu2"),
                        Z.Dense("fc3", 128, 10, rng, gain=1.0)])
    kw = dict(epochs=30, batch=32, lr=1e-3, seed=seed, weight_decay=1e-4)
    hist = train_and_report(net, x_tr, d.y_train, x_te, d.y_test, **kw)
    return dict(
        onnx=export_sequential(net, "mnist_mlp", [1, 784], 10,
                               "zkinfer zoo mnist_mlp: MLP 784-256-128-10 on "
                               "28x28 upscaled digits"),
        input_shape=[1, 784], x_train=x_tr, x_test=x_te, n_calib=1000,
        summary="MNIST-size MLP 784-256-128-10 (Gemm/Relu) on the digits "
                "upscaled to 28x28.",
        input_desc="28x28 image flattened row-major: " + UPSCALE_NOTE.format(s=28),
        trained=True, training=train_text(kw, hist, len(x_tr)))


def digits_cnn(d):
    seed = 104
    x_tr, x_te = (a[:, None, :, :] for a in d.images(8))
    rng = np.random.default_rng(seed)
    net = Z.Sequential([Z.Conv2d("conv1", 1, 8, 3, 1, rng), Z.ReLU("relu1"),
                        Z.MaxPool2("pool1"), Z.Flatten("flatten"),
                        Z.Dense("fc1", 128, 10, rng, gain=1.0)])
    kw = dict(epochs=60, batch=32, lr=3e-3, seed=seed, weight_decay=1e-4)
    hist = train_and_report(net, x_tr, d.y_train, x_te, d.y_test, **kw)
    return dict(
        onnx=export_sequential(net, "digits_cnn", [1, 1, 8, 8], 10,
                               "zkinfer zoo digits_cnn: Conv3x3(8)-Relu-MaxPool-Gemm "
                               "on 8x8 digits"),
        input_shape=[1, 1, 8, 8], x_train=x_tr, x_test=x_te, n_calib=200,
        summary="Tiny CNN on the 8x8 digits: Conv 3x3 (1->8, pad 1) -> Relu -> "
                "MaxPool 2x2 -> Flatten -> Gemm 128->10.",
        input_desc="NCHW, the 8x8 digit with pixel values raw/16 in [0, 1] "
                   "(17 levels k/16)",
        trained=True,
        training=train_text(kw, hist, len(x_tr), " Convolution by im2col "
                            "(`zoolib.Conv2d`)."))


def lenet5(d):
    seed = 105
    x_tr, x_te = (a[:, None, :, :] for a in d.images(28))
    rng = np.random.default_rng(seed)
    net = Z.Sequential([
        Z.Conv2d("conv1", 1, 6, 5, 2, rng), Z.ReLU("relu1"), Z.AvgPool2("pool1"),
        Z.Conv2d("conv2", 6, 16, 5, 0, rng), Z.ReLU("relu2"), Z.AvgPool2("pool2"),
        Z.Flatten("flatten"),
        Z.Dense("fc1", 400, 120, rng), Z.ReLU("relu3"),
        Z.Dense("fc2", 120, 84, rng), Z.ReLU("relu4"),
        Z.Dense("fc3", 84, 10, rng, gain=1.0)])
    kw = dict(epochs=20, batch=32, lr=1e-3, seed=seed, weight_decay=1e-4)
    hist = train_and_report(net, x_tr, d.y_train, x_te, d.y_test, **kw)
    return dict(
        onnx=export_sequential(net, "lenet5", [1, 1, 28, 28], 10,
                               "zkinfer zoo lenet5: LeNet-5 style CNN on 28x28 "
                               "upscaled digits"),
        input_shape=[1, 1, 28, 28], x_train=x_tr, x_test=x_te, n_calib=200,
        summary="LeNet-5 style CNN: Conv 5x5 (6, pad 2) -> Relu -> AveragePool 2x2 "
                "-> Conv 5x5 (16) -> Relu -> AveragePool 2x2 -> Flatten -> "
                "Gemm 120 -> Relu -> Gemm 84 -> Relu -> Gemm 10.",
        input_desc="NCHW, " + UPSCALE_NOTE.format(s=28),
        trained=True,
        training=train_text(kw, hist, len(x_tr), " Convolution by im2col "
                            "(`zoolib.Conv2d`); training takes well under the "
                            "5-minute single-core budget, so the weights are "
                            "trained, not random."))


CIFAR_CALIB = 64
CIFAR_TEST = 64


def cifar_cnn(d):
    """Seeded random weights; BN statistics derived from the calibration set."""
    seed = 106
    up_tr, up_te = d.images(32)
    x_tr = np.repeat(up_tr[:, None, :, :], 3, axis=1)
    x_te = np.repeat(up_te[:, None, :, :], 3, axis=1)[:CIFAR_TEST]
    rng = np.random.default_rng(seed)
    calib = x_tr[:CIFAR_CALIB]

    g = Z.GraphBuilder("cifar_cnn")
    bn_info = []

    def conv_bn(name, x_name, x_val, c_in, c_out):
        conv = Z.Conv2d(name + "_conv", c_in, c_out, 3, 1, rng, bias=False)
        # Round to float32 now so the numpy statistics match the export.
        conv.w = conv.w.astype(np.float32).astype(np.float64)
        pre = conv.forward(x_val)
        mu = pre.mean(axis=(0, 2, 3))
        var = pre.var(axis=(0, 2, 3))
        std = np.sqrt(var)
        gamma = rng.uniform(0.6, 1.4, c_out)
        beta = rng.normal(0.0, 0.2, c_out)
        r_mean = mu + rng.normal(0.0, 0.1, c_out) * std
        r_var = np.maximum(var * rng.uniform(0.6, 1.6, c_out), 1e-3)
        gamma, beta, r_mean, r_var = (a.astype(np.float32).astype(np.float64)
                                      for a in (gamma, beta, r_mean, r_var))
        eps = 1e-5
        y = (pre - r_mean[None, :, None, None]) / np.sqrt(r_var + eps)[None, :, None, None]
        y = y * gamma[None, :, None, None] + beta[None, :, None, None]
        out = g.conv(name + "_conv", x_name, conv.w, None, 1)
        out = g.batchnorm(name + "_bn", out, gamma, beta, r_mean, r_var, eps)
        bn_info.append((name + "_bn", c_out))
        return out, y

    def relu(name, x_name, x_val):
        return g.relu(name, x_name), np.maximum(x_val, 0.0)

    def pool(name, x_name, x_val):
        return g.maxpool(name, x_name), Z.MaxPool2(name).forward(x_val)

    t, v = conv_bn("stem", "input", calib, 3, 32)
    t, v = relu("stem_relu", t, v)
    skip_t, skip_v = t, v
    t, v = conv_bn("res1", t, v, 32, 32)
    t, v = relu("res1_relu", t, v)
    t, v = conv_bn("res2", t, v, 32, 32)
    t = g.node("Add", [t, skip_t], "res_add_out", "res_add")
    v = v + skip_v
    t, v = relu("res_relu", t, v)
    t, v = pool("pool1", t, v)
    t, v = conv_bn("block2", t, v, 32, 64)
    t, v = relu("block2_relu", t, v)
    t, v = pool("pool2", t, v)
    t, v = conv_bn("block3", t, v, 64, 128)
    t, v = relu("block3_relu", t, v)
    t, v = pool("pool3", t, v)
    t = g.flatten("flatten", t)
    v = v.reshape(len(v), -1)
    fc1 = Z.Dense("fc1", 2048, 64, rng)
    fc1.b = rng.normal(0.0, 0.05, 64)
    t = g.gemm("fc1", t, fc1.w, fc1.b)
    t = g.relu("fc1_relu", t)
    fc2 = Z.Dense("fc2", 64, 10, rng, gain=1.0)
    fc2.b = rng.normal(0.0, 0.05, 10)
    g.gemm("fc2", t, fc2.w, fc2.b, out="output")
    model = g.build([1, 3, 32, 32], [1, 10],
                    "zkinfer zoo cifar_cnn: ResNet-style CNN with BatchNormalization "
                    "and a residual Add, seeded random weights", "random")
    return dict(
        onnx=model, input_shape=[1, 3, 32, 32],
        x_train=x_tr, x_test=x_te, test_labels=d.y_test[:CIFAR_TEST],
        n_calib=CIFAR_CALIB,
        summary="CIFAR-size CNN (~245k parameters) with BatchNormalization after "
                "every Conv and one residual block: stem Conv 3x3 3->32 + BN + Relu; "
                "residual block [Conv 3x3 32->32 + BN + Relu, Conv 3x3 32->32 + BN] "
                "+ skip, Add, Relu; MaxPool; Conv 3x3 32->64 + BN + Relu; MaxPool; "
                "Conv 3x3 64->128 + BN + Relu; MaxPool; Flatten (2048); Gemm 64 + "
                "Relu; Gemm 10. Convs have no bias (PyTorch `bias=False` before BN, "
                "so they are 2-input Conv nodes); BN is left unfolded.",
        input_desc="NCHW, " + UPSCALE_NOTE.format(s=32) +
                   ", replicated over the 3 channels (no CIFAR data is available)",
        trained=False,
        training=(
            f"Seeded random weights (seed {seed}), not trained: there is no CIFAR "
            "data here and the model exists to exercise the importer (BN, residual "
            "Add, 3-channel input, ~250k parameters), so its accuracy is chance "
            "level. Conv and Gemm weights are He-normal (last Gemm: variance 1/fan_in), "
            "Gemm biases N(0, 0.05). BatchNormalization parameters are non-trivial: "
            "gamma ~ U(0.6, 1.4), beta ~ N(0, 0.2); running mean = the channel mean "
            "of the conv output over the calibration set + N(0, 0.1) x its std, "
            "running var = the channel variance x U(0.6, 1.6) (all > 0), epsilon 1e-5. "
            "Deriving the statistics from data keeps activations at unit scale "
            "through the depth, as in a trained network, which matters for int8 "
            "quantization. Calibration and test sets are cut to "
            f"{CIFAR_CALIB} samples each to keep the JSON small "
            "(3,072 floats per sample)."))


BUILDERS = {"digits_mlp_small": digits_mlp_small, "digits_mlp": digits_mlp,
            "mnist_mlp": mnist_mlp, "digits_cnn": digits_cnn, "lenet5": lenet5,
            "cifar_cnn": cifar_cnn}


# --------------------------------------------------------------------------
# Writing a model folder
# --------------------------------------------------------------------------

def node_table(model):
    shapes = {}
    for vi in (list(model.graph.input) + list(model.graph.value_info)
               + list(model.graph.output)):
        shapes[vi.name] = [d.dim_value for d in vi.type.tensor_type.shape.dim]
    init = {t.name: list(t.dims) for t in model.graph.initializer}
    rows = ["| node | op | inputs | output shape | params | MACs |",
            "|---|---|---|---|---:|---:|"]
    for n in model.graph.node:
        p = sum(int(np.prod(init[i])) for i in n.input if i in init)
        out = shapes[n.output[0]]
        macs = 0
        if n.op_type == "Conv":
            macs = int(np.prod(out)) * int(np.prod(init[n.input[1]][1:]))
        elif n.op_type == "Gemm":
            macs = int(np.prod(out)) * init[n.input[1]][1]
        ins = ", ".join(f"`{i}`" for i in n.input if i not in init)
        rows.append(f"| `{n.name}` | {n.op_type} | {ins} | {out} | {p:,} | {macs:,} |")
    return "\n".join(rows)


def accuracy(path, rows, labels, input_shape):
    logits = Z.ort_run(path, rows, input_shape)
    correct = int((logits.argmax(axis=1) == labels).sum())
    return correct, len(labels)


def write_readme(name, info, folder, params, macs, correct, total):
    acc = f"{100 * correct / total:.2f} % ({correct}/{total})"
    if not info["trained"]:
        acc += " (random weights: chance level, not meaningful)"
    files = [
        ("model.onnx", "ONNX opset 13, IR version 8, float32, static shapes, "
                       "input `input`, output `output` (logits, no Softmax), "
                       "weights as initializers, Gemm with transB=1."),
    ] + info.get("extra_files", []) + [
        ("calibration.json", f"EZKL-style `{{\"input_data\": [[...], ...]}}`: the "
                             f"first {info['n_calib']} samples of the training split, "
                             "one flattened row-major input per row."),
        ("test.json", f"`{{\"input_data\": [...], \"labels\": [...]}}`: the first "
                      f"{total} samples of the held-out test split with their labels."),
        ("README.md", "this file (generated by the build script)."),
    ]
    text = f"""# {name}

{info['summary']}

| | |
|---|---|
| input | `input` float32 {info['input_shape']}: {info['input_desc']} |
| output | `output` float32 [1, 10]: class logits (no Softmax) |
| parameters | {params:,} (all initializer elements) |
| MACs | {macs:,} (Conv + Gemm multiply-accumulates per inference) |
| weights | {"trained" if info['trained'] else "seeded random (not trained)"} |
| float test accuracy | {acc}, onnxruntime on `test.json` |

## Graph

{node_table(info['onnx'])}

## Weights

{info['training']}

## Data

sklearn's bundled `load_digits` (1,797 8x8 images, 10 classes); nothing is
downloaded. The split is shared by every zoo model: a numpy
`default_rng({Z.SPLIT_SEED}).permutation(1797)`, whose first 450 indices
(25 %) are the test split and the remaining 1,347 the training split. Test
files hold at most the first {Z.TEST_CAP} test samples. Floats in the JSON
files are the shortest decimal strings that round-trip exactly to the
float32 values fed to the model.

## Files

""" + "\n".join(f"- `{f}`: {d}" for f, d in files) + f"""

## Regenerate

```sh
pip install -r Circuits/requirements.txt
{REGEN} {name}
python3 Vectors/zoo/generate_zoo_vectors.py   # reference vectors + numpy check
```

Output is byte-identical across runs (seed and hyperparameters are in
`Circuits/build_zoo.py`, function `{name}`).
"""
    Z.write_text(os.path.join(folder, "README.md"), text)


def build(name, data):
    print(f"== {name}")
    info = BUILDERS[name](data)
    folder = os.path.join(Z.CIRCUITS_DIR, name)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "model.onnx")
    Z.save_model(info["onnx"], path)
    for fname, variant in info.get("variants", {}).items():
        Z.save_model(variant, os.path.join(folder, fname))
    calib = info["x_train"][:info["n_calib"]].reshape(info["n_calib"], -1)
    test = info["x_test"].reshape(len(info["x_test"]), -1)
    labels = info.get("test_labels", data.y_test)
    assert len(labels) == len(test)
    Z.write_input_json(os.path.join(folder, "calibration.json"), calib)
    Z.write_input_json(os.path.join(folder, "test.json"), test, labels)
    params, macs = Z.model_stats(info["onnx"])
    correct, total = accuracy(path, test, labels, info["input_shape"])
    print(f"  params {params:,}  MACs {macs:,}  onnxruntime test accuracy "
          f"{correct}/{total} = {correct / total:.4f}")
    write_readme(name, info, folder, params, macs, correct, total)


# --------------------------------------------------------------------------
# Index README (computed from the artifacts on disk)
# --------------------------------------------------------------------------

def write_index():
    import json

    import onnx

    rows = []
    for name in MODELS + TORCH_MODELS:
        folder = os.path.join(Z.CIRCUITS_DIR, name)
        path = os.path.join(folder, "model.onnx")
        if not os.path.exists(path):
            rows.append(f"| `{name}` | (not built) | | | | | |")
            continue
        model = onnx.load(path)
        params, macs = Z.model_stats(model)
        shape = [d.dim_value for d in model.graph.input[0].type.tensor_type.shape.dim]
        with open(os.path.join(folder, "test.json")) as f:
            test = json.load(f)
        correct, total = accuracy(path, test["input_data"],
                                  np.array(test["labels"]), shape)
        props = {p.key: p.value for p in model.metadata_props}
        trained = props.get("zkinfer.zoo.weights") == "trained"
        acc = f"{100 * correct / total:.2f} % ({correct}/{total})"
        if not trained:
            acc += ", chance"
        built = ("numpy" if model.producer_name == "zkinfer-zoo"
                 else f"PyTorch {model.producer_version}")
        built += f", opset {model.opset_import[0].version}"
        rows.append(f"| [`{name}`]({name}/README.md) | {shape} | {params:,} | "
                    f"{macs:,} | {'trained' if trained else 'seeded random'} | {acc} "
                    f"| {built} |")
    text = """# Model zoo

Small ONNX float models for zkinfer's import -> int8 quantization -> proof
pipeline. Every model is float32 with one input `input` and one output
`output` (logits, no Softmax), batch size 1 and static shapes everywhere,
weights as initializers, Gemm with `transB=1`, unique node names, and
passes `onnx.checker.check_model`. The first six are built node by node in
numpy (ONNX opset 13, IR version 8, meaningful node and weight names, BN left
unfolded); `resnet8_cifar` and `vgg11_cifar` are `torch.nn.Module`s exported
by PyTorch's TorchScript exporter (`torch.onnx.export(..., dynamo=False,
opset_version=17)`, IR version 8), so they are exactly what a PyTorch user
gets: BatchNormalization folded into Conv weights and biases, node names
from the module path (`/layer1/conv1/Conv`), weights named after the module
parameters (`fc.weight`) except the BN-folded ones, which the exporter names
(`onnx::Conv_NN`), GlobalAveragePool and Flatten from `AdaptiveAvgPool2d(1)`
and `torch.flatten(x, 1)`.
All data comes from sklearn's bundled `load_digits` (8x8, 10 classes), with
one seeded 75/25 split shared by all models.

| model | input shape | params | MACs | weights | float test accuracy | built by |
|---|---|---:|---:|---|---|---|
""" + "\n".join(rows) + """

Params count every initializer element (BatchNormalization running
statistics included); MACs count the Conv and Gemm multiply-accumulates of
one inference (for the PyTorch exports: after BN folding). Accuracy is
onnxruntime's float32 argmax on the folder's `test.json` (360 held-out
samples; 64 for the three 32x32x3 models, whose READMEs also give the
accuracy on the whole 450-sample test split).

Each folder holds `model.onnx`, `calibration.json` (EZKL-style
`{"input_data": [[...], ...]}`, 200 training samples; 1,000 for
`mnist_mlp`, 64 for the 32x32x3 models), `test.json` (`input_data` +
`labels`) and a generated `README.md`; `digits_mlp_small` also has
`model_softmax.onnx` (the same network with a trailing Softmax). Reference input/output vectors
are in `Vectors/zoo/`.

## Rebuild everything

```sh
bash Circuits/rebuild_all.sh
```

which installs the pinned `Circuits/requirements.txt` (numpy, scikit-learn,
onnx, onnxruntime; no torch/tensorflow), then runs
`python3 Circuits/build_zoo.py` (all models, about 30 s on one core) and
`python3 Vectors/zoo/generate_zoo_vectors.py` (reference vectors, plus a
check that an independent numpy forward pass of every graph matches
onnxruntime within 1e-4). One model: `python3 Circuits/build_zoo.py NAME`.

### The PyTorch models

`resnet8_cifar` and `vgg11_cifar` need torch, which `requirements.txt`
leaves out on purpose; their committed files are used as they are unless
you rebuild them in a separate environment:

```sh
python3 -m venv /tmp/venv-torch
/tmp/venv-torch/bin/pip install -r Circuits/requirements-torch.txt
/tmp/venv-torch/bin/python Circuits/build_torch_zoo.py        # both, about 6 min on one core
/tmp/venv-torch/bin/python Vectors/zoo/generate_zoo_vectors.py resnet8_cifar vgg11_cifar
```

(`Circuits/build_torch_zoo.py NAME` builds one; `rebuild_all.sh` runs it too
when `ZOO_TORCH_PYTHON` names that environment's python). Both are trained
with torch in float64 on one thread on the digits upscaled to 32x32 and
replicated over 3 channels, then exported from a float32 copy in eval mode;
the script checks onnxruntime against the PyTorch module within 1e-4 and
runs `onnx.checker`. `Circuits/build_large_zoo.py` builds a full-width
VGG-16 (~15M parameters, ~60 MB, seeded random weights) the same way, but
only outside the repository (default `/tmp/zkinfer-zoo-large/vgg16_cifar`).

The scripts pin themselves to one thread (`OMP_NUM_THREADS=1`,
`OPENBLAS_NUM_THREADS=1`). Training runs in float64 and the ONNX bytes are
serialized deterministically, so two runs give byte-identical files; the
trained weights could in principle differ in the last float32 bit on
another CPU kind or numpy/OpenBLAS build (for the PyTorch models, another
torch build), and onnxruntime's outputs in `Vectors/zoo/` likewise (compare
those with a tolerance).

Code: `zoolib.py` (data split, bilinear upscaling, numpy layers and Adam,
ONNX graph builder, float32 JSON writer), `build_zoo.py` (one function
per model with its seed and hyperparameters, README generation, this index),
`build_torch_zoo.py` (the PyTorch models, same layout) and
`build_large_zoo.py` (VGG-16, outside the repository).
"""
    Z.write_text(os.path.join(Z.CIRCUITS_DIR, "README.md"), text)


def main(argv):
    names = argv or MODELS
    unknown = [n for n in names if n not in BUILDERS]
    if unknown:
        sys.exit(f"unknown model(s): {unknown}; choose from {MODELS}")
    data = Data()
    for name in names:
        build(name, data)
    write_index()
    print("wrote Circuits/README.md")


if __name__ == "__main__":
    main(sys.argv[1:])
