#!/usr/bin/env python3
"""ONNX files written by real exporters (PyTorch, skl2onnx, tf2onnx), for zkinfer's importer tests.

Writes, next to this file, one <name>.onnx per fixture (plus <name>.onnx.data where the exporter
puts weights in an external file) and one reference.json with, per fixture, the exporter, the
opsets, the node op types in graph order, 3 seeded inputs and the onnxruntime output for each.

Fixture groups (see README.md for the full table):
  torch    dynamo_<model>   torch.onnx.export(model, (x,), path)              (all defaults)
           ts13_<model>     torch.onnx.export(model, (x,), path, dynamo=False, opset_version=13)
           ts17_<model>     torch.onnx.export(model, (x,), path, dynamo=False, opset_version=17)
           for <model> in mlp, cnn, resnet8, mobilenet_block, fire_module, resnet_stem
  sklearn  skl_mlp, skl_mlp_batchnone   MLPClassifier on load_digits, skl2onnx.convert_sklearn
  tf       tf_mlp, tf_cnn               Keras Sequential models, tf2onnx

Each group needs its own packages, and TensorFlow lives in a virtual environment of its own, so
the script takes the groups to run as arguments (default: torch sklearn). It rewrites the files
of the groups it runs and keeps the reference.json entries of the others unchanged.

Checks (the script stops at the first failure): onnx.checker full check of every file; the
onnxruntime output (one thread, graph optimisations off) against the framework's own output
within 1e-4 on every sample; for skl2onnx also the predicted labels; reference.json read back
and every number compared bit for bit as float32.

Usage (from anywhere; see README.md for the environments):
  OMP_NUM_THREADS=1 /path/to/venv-torch/bin/python Tests/Fixtures/exporters/generate.py torch sklearn
  OMP_NUM_THREADS=1 /path/to/venv-tf/bin/python Tests/Fixtures/exporters/generate.py tf
"""
import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import json  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import warnings  # noqa: E402
import zlib  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import onnxruntime as ort  # noqa: E402
from onnx import helper  # noqa: E402

HERE = Path(__file__).resolve().parent
REFERENCE = HERE / "reference.json"
F32 = np.float32
N_SAMPLES = 3
TOL = 1e-4
INPUT_SEED = 20260
TORCH_SEED = 1234
NUMPY_WEIGHT_SEED = 4321

TORCH_MODELS = ["mlp", "cnn", "resnet8", "mobilenet_block", "fire_module", "resnet_stem"]
TORCH_EXPORTERS = ["dynamo", "ts13", "ts17"]
GROUPS = {
    "torch": [f"{e}_{m}" for e in TORCH_EXPORTERS for m in TORCH_MODELS],
    "sklearn": ["skl_mlp", "skl_mlp_batchnone"],
    "tf": ["tf_mlp", "tf_cnn"],
}
FIXTURE_ORDER = [name for group in ("torch", "sklearn", "tf") for name in GROUPS[group]]
DEFAULT_GROUPS = ["torch", "sklearn"]


# --------------------------------------------------------------------------- common helpers

def input_rng(key):
    """One numpy Generator per model, so adding a fixture leaves the other inputs unchanged."""
    return np.random.default_rng([INPUT_SEED, zlib.crc32(key.encode("utf-8"))])


def ort_session(path):
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    so.log_severity_level = 3
    return ort.InferenceSession(str(path), sess_options=so, providers=["CPUExecutionProvider"])


def dims(value_info):
    """Static dims as ints, symbolic dims as their name, unknown dims as None."""
    out = []
    for d in value_info.type.tensor_type.shape.dim:
        if d.HasField("dim_value"):
            out.append(d.dim_value)
        elif d.HasField("dim_param"):
            out.append(d.dim_param)
        else:
            out.append(None)
    return out


def attr_text(node):
    parts = []
    for a in node.attribute:
        v = helper.get_attribute_value(a)
        if isinstance(v, bytes):
            v = v.decode("utf-8", "replace")
        elif isinstance(v, onnx.TensorProto):
            arr = onnx.numpy_helper.to_array(v)
            v = f"tensor{list(arr.shape)} {arr.dtype} {arr.ravel()[:8].tolist()}"
        elif isinstance(v, float):
            v = float(F32(v))
        parts.append(f"{a.name}={v}")
    return ", ".join(parts)


def describe(proto):
    lines = []
    for n in proto.graph.node:
        dom = f"{n.domain}::" if n.domain else ""
        lines.append(f"    {dom}{n.op_type:20s} {list(n.input)} -> {list(n.output)}  {attr_text(n)}")
    return lines


def opset_imports(proto):
    return {(o.domain or ""): o.version for o in proto.opset_import}


def default_opset(proto):
    versions = [o.version for o in proto.opset_import if o.domain in ("", "ai.onnx")]
    assert len(versions) == 1, proto.opset_import
    return versions[0]


def external_files(proto):
    files = set()
    for t in proto.graph.initializer:
        if t.data_location == onnx.TensorProto.EXTERNAL:
            files.add(dict((e.key, e.value) for e in t.external_data)["location"])
    return sorted(files)


def check_file(path):
    """Full checker on the file (path form, so that external data is found) and basic sanity."""
    onnx.checker.check_model(str(path), full_check=True)
    proto = onnx.load(str(path), load_external_data=False)
    for loc in external_files(proto):
        assert "/" not in loc and (path.parent / loc).is_file(), f"{path.name}: bad external location {loc}"
    assert len(proto.graph.input) == 1, f"{path.name}: {len(proto.graph.input)} graph inputs"
    return proto


def base_entry(name, exporter, proto, in_shape, out_shape, inputs, outputs, out_name):
    files = {f"{name}.onnx": (HERE / f"{name}.onnx").stat().st_size}
    for loc in external_files(proto):
        files[loc] = (HERE / loc).stat().st_size
    return {
        "exporter": exporter,
        "producer": f"{proto.producer_name} {proto.producer_version}".strip(),
        "ir_version": proto.ir_version,
        "opset": default_opset(proto),
        "opset_imports": opset_imports(proto),
        "ops": [n.op_type for n in proto.graph.node],
        "external_data": external_files(proto),
        "files": files,
        "input_name": proto.graph.input[0].name,
        "output_name": out_name,
        "graph_input_shape": dims(proto.graph.input[0]),
        "graph_output_shapes": {o.name: dims(o) for o in proto.graph.output},
        "input_shape": list(in_shape),
        "output_shape": list(out_shape),
        "inputs": [np.asarray(x, dtype=F32).ravel() for x in inputs],
        "outputs": [np.asarray(y, dtype=F32).ravel() for y in outputs],
    }


def max_abs(a, b):
    return float(np.max(np.abs(np.asarray(a, np.float64) - np.asarray(b, np.float64))))


def remove_fixture_files(name):
    for p in (HERE / f"{name}.onnx", HERE / f"{name}.onnx.data"):
        if p.exists():
            p.unlink()


def report(name, proto, errs):
    size = (HERE / f"{name}.onnx").stat().st_size
    ext = external_files(proto)
    ext_text = f", external data {ext} {[(HERE / e).stat().st_size for e in ext]} bytes" if ext else ""
    print(f"{name}.onnx: ir {proto.ir_version}, opsets {opset_imports(proto)}, {size} bytes{ext_text}, "
          f"max |ort - framework| per sample {['%.2e' % e for e in errs]}")
    print("\n".join(describe(proto)))


# --------------------------------------------------------------------------- PyTorch

def torch_fixtures():
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    torch.set_num_threads(1)

    class SmallCNN(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(1, 4, 3, padding=1)
            self.conv2 = nn.Conv2d(4, 8, 3, padding=1)
            self.pool = nn.MaxPool2d(2)
            self.fc1 = nn.Linear(8 * 2 * 2, 32)
            self.fc2 = nn.Linear(32, 10)

        def forward(self, x):
            x = self.pool(F.relu(self.conv1(x)))
            x = self.pool(F.relu(self.conv2(x)))
            x = x.view(x.size(0), -1)
            x = F.relu(self.fc1(x))
            return self.fc2(x)

    class BasicBlock(nn.Module):
        def __init__(self, inplanes, planes, stride):
            super().__init__()
            self.conv1 = nn.Conv2d(inplanes, planes, 3, stride=stride, padding=1, bias=False)
            self.bn1 = nn.BatchNorm2d(planes)
            self.relu = nn.ReLU(inplace=True)
            self.conv2 = nn.Conv2d(planes, planes, 3, stride=1, padding=1, bias=False)
            self.bn2 = nn.BatchNorm2d(planes)
            self.downsample = None
            if stride != 1 or inplanes != planes:
                self.downsample = nn.Sequential(
                    nn.Conv2d(inplanes, planes, 1, stride=stride, bias=False),
                    nn.BatchNorm2d(planes),
                )

        def forward(self, x):
            identity = x if self.downsample is None else self.downsample(x)
            out = self.relu(self.bn1(self.conv1(x)))
            out = self.bn2(self.conv2(out))
            out += identity
            return self.relu(out)

    class ResNet8(nn.Module):
        def __init__(self, num_classes=10):
            super().__init__()
            self.conv1 = nn.Conv2d(3, 16, 3, padding=1, bias=False)
            self.bn1 = nn.BatchNorm2d(16)
            self.relu = nn.ReLU(inplace=True)
            self.layer1 = BasicBlock(16, 16, 1)
            self.layer2 = BasicBlock(16, 32, 2)
            self.layer3 = BasicBlock(32, 64, 2)
            self.avgpool = nn.AdaptiveAvgPool2d(1)
            self.fc = nn.Linear(64, num_classes)

        def forward(self, x):
            x = self.relu(self.bn1(self.conv1(x)))
            x = self.layer3(self.layer2(self.layer1(x)))
            x = torch.flatten(self.avgpool(x), 1)
            return self.fc(x)

    class MobileNetBlock(nn.Module):
        def __init__(self):
            super().__init__()
            self.features = nn.Sequential(
                nn.Conv2d(8, 8, 3, padding=1, groups=8, bias=False),
                nn.BatchNorm2d(8),
                nn.ReLU6(inplace=True),
                nn.Conv2d(8, 16, 1, bias=False),
                nn.BatchNorm2d(16),
                nn.ReLU6(inplace=True),
            )
            self.avgpool = nn.AdaptiveAvgPool2d(1)
            self.classifier = nn.Linear(16, 10)

        def forward(self, x):
            x = torch.flatten(self.avgpool(self.features(x)), 1)
            return self.classifier(x)

    class FireModule(nn.Module):
        def __init__(self):
            super().__init__()
            self.squeeze = nn.Conv2d(16, 4, 1)
            self.squeeze_activation = nn.ReLU(inplace=True)
            self.expand1x1 = nn.Conv2d(4, 8, 1)
            self.expand1x1_activation = nn.ReLU(inplace=True)
            self.expand3x3 = nn.Conv2d(4, 8, 3, padding=1)
            self.expand3x3_activation = nn.ReLU(inplace=True)
            self.avgpool = nn.AdaptiveAvgPool2d(1)
            self.fc = nn.Linear(16, 10)

        def forward(self, x):
            x = self.squeeze_activation(self.squeeze(x))
            x = torch.cat([self.expand1x1_activation(self.expand1x1(x)),
                           self.expand3x3_activation(self.expand3x3(x))], 1)
            x = torch.flatten(self.avgpool(x), 1)
            return self.fc(x)

    class ResNetStem(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(3, 8, 7, stride=2, padding=3, bias=False)
            self.bn1 = nn.BatchNorm2d(8)
            self.relu = nn.ReLU(inplace=True)
            self.maxpool = nn.MaxPool2d(3, stride=2, padding=1)
            self.fc = nn.Linear(8 * 8 * 8, 10)

        def forward(self, x):
            x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
            x = torch.flatten(x, 1)
            return self.fc(x)

    # name -> (constructor, input shape, input scale, BN weight range)
    specs = {
        "mlp": (lambda: nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10)), (1, 64), 1.0, None),
        "cnn": (SmallCNN, (1, 1, 8, 8), 1.0, None),
        "resnet8": (ResNet8, (1, 3, 32, 32), 1.0, (0.5, 1.5)),
        # larger BN scales so that ReLU6 clamps at 6 as well as at 0 in every sample
        "mobilenet_block": (MobileNetBlock, (1, 8, 16, 16), 1.0, (4.0, 8.0)),
        "fire_module": (FireModule, (1, 16, 8, 8), 1.0, None),
        "resnet_stem": (ResNetStem, (1, 3, 32, 32), 1.0, (0.5, 1.5)),
    }

    def build(model_name):
        ctor, _, _, bn_range = specs[model_name]
        torch.manual_seed(TORCH_SEED + zlib.crc32(model_name.encode("utf-8")) % 1000)
        model = ctor()
        gen = torch.Generator().manual_seed(TORCH_SEED)
        with torch.no_grad():
            for m in model.modules():
                if isinstance(m, nn.BatchNorm2d):
                    lo, hi = bn_range
                    c = m.num_features
                    m.weight.copy_(lo + (hi - lo) * torch.rand(c, generator=gen))
                    m.bias.copy_(0.2 * torch.randn(c, generator=gen))
                    m.running_mean.copy_(0.3 * torch.randn(c, generator=gen))
                    m.running_var.copy_(0.25 + 1.5 * torch.rand(c, generator=gen))
        return model.eval()

    def samples(model_name):
        _, shape, scale, _ = specs[model_name]
        rng = input_rng(model_name)
        return [(scale * rng.standard_normal(shape)).astype(F32) for _ in range(N_SAMPLES)]

    def relu6_clamps(model, x):
        """(count below 0, count above 6) of the inputs of every ReLU6, for the mobilenet block."""
        seen = []
        hooks = [m.register_forward_pre_hook(lambda mod, args: seen.append(args[0].detach().clone()))
                 for m in model.modules() if isinstance(m, nn.ReLU6)]
        with torch.no_grad():
            model(torch.from_numpy(x))
        for h in hooks:
            h.remove()
        return [(int((t < 0).sum()), int((t > 6).sum())) for t in seen]

    def export(exporter, model, x, path):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if exporter == "dynamo":
                torch.onnx.export(model, (x,), str(path))
            elif exporter == "ts13":
                torch.onnx.export(model, (x,), str(path), dynamo=False, opset_version=13)
            elif exporter == "ts17":
                torch.onnx.export(model, (x,), str(path), dynamo=False, opset_version=17)
            else:
                raise ValueError(exporter)

    exporter_text = {
        "dynamo": "torch.onnx.export(model, (x,), path)  [defaults: dynamo=True, default opset, external_data=True]",
        "ts13": "torch.onnx.export(model, (x,), path, dynamo=False, opset_version=13)",
        "ts17": "torch.onnx.export(model, (x,), path, dynamo=False, opset_version=17)",
    }

    entries = {}
    for exporter in TORCH_EXPORTERS:
        for model_name in TORCH_MODELS:
            name = f"{exporter}_{model_name}"
            xs = samples(model_name)
            if model_name == "mobilenet_block":
                for i, x in enumerate(xs):
                    counts = relu6_clamps(build(model_name), x)
                    assert all(lo > 0 and hi > 0 for lo, hi in counts), f"sample {i}: ReLU6 clamps {counts}"
            model = build(model_name)
            with torch.no_grad():
                expected = [model(torch.from_numpy(x)).numpy() for x in xs]
            remove_fixture_files(name)
            with tempfile.TemporaryDirectory() as tmp:
                tmp_path = Path(tmp) / f"{name}.onnx"
                export(exporter, model, torch.from_numpy(xs[0]), tmp_path)
                produced = sorted(p.name for p in Path(tmp).iterdir())
                assert set(produced) <= {f"{name}.onnx", f"{name}.onnx.data"}, produced
                for fname in produced:
                    shutil.copyfile(Path(tmp) / fname, HERE / fname)
            path = HERE / f"{name}.onnx"
            proto = check_file(path)
            assert len(proto.graph.output) == 1, name
            out_name = proto.graph.output[0].name
            sess = ort_session(path)
            in_name = sess.get_inputs()[0].name
            outs, errs = [], []
            for i, (x, want) in enumerate(zip(xs, expected)):
                (y,) = sess.run([out_name], {in_name: x})
                assert y.dtype == F32 and y.shape == want.shape, (name, y.dtype, y.shape, want.shape)
                err = max_abs(y, want)
                assert err <= TOL, f"{name} sample {i}: |onnxruntime - torch| = {err:.3e} > {TOL}"
                outs.append(y)
                errs.append(err)
            report(name, proto, errs)
            entry = base_entry(name, exporter_text[exporter] + f"; torch {torch.__version__}", proto,
                               xs[0].shape, outs[0].shape, xs, outs, out_name)
            entry["max_abs_error_vs_framework"] = max(errs)
            entries[name] = entry
    return entries


# --------------------------------------------------------------------------- scikit-learn

def sklearn_fixtures():
    import sklearn
    import skl2onnx
    from skl2onnx import convert_sklearn
    from skl2onnx.common.data_types import FloatTensorType
    from sklearn.datasets import load_digits
    from sklearn.neural_network import MLPClassifier

    digits_x, digits_y = load_digits(return_X_y=True)
    digits_x = (digits_x / 16.0).astype(F32)  # pixel values 0..16 -> [0, 1], exact in float32
    n_train = 1500
    clf = MLPClassifier(hidden_layer_sizes=(32,), random_state=0, max_iter=1000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a ConvergenceWarning stops the script
        clf.fit(digits_x[:n_train], digits_y[:n_train])
    test_acc = float(clf.score(digits_x[n_train:], digits_y[n_train:]))
    print(f"MLPClassifier: {clf.n_iter_} iterations, held-out accuracy {test_acc:.3f}")
    xs = [digits_x[n_train + i].reshape(1, 64) for i in range(N_SAMPLES)]

    variants = {
        "skl_mlp": [1, 64],
        "skl_mlp_batchnone": [None, 64],  # the form of skl2onnx's own examples
    }
    entries = {}
    for name, shape in variants.items():
        remove_fixture_files(name)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            proto = convert_sklearn(clf, initial_types=[("input", FloatTensorType(shape))])
        # skl2onnx names the graph with a random UUID; the only change made to its output, so that
        # two runs give the same bytes
        proto.graph.name = name
        path = HERE / f"{name}.onnx"
        path.write_bytes(proto.SerializeToString())
        proto = check_file(path)
        label_out, prob_out = (o.name for o in proto.graph.output)
        zipmap = [n for n in proto.graph.node if n.op_type == "ZipMap"]
        assert len(zipmap) == 1 and zipmap[0].output[0] == prob_out, [n.op_type for n in proto.graph.node]
        prob_tensor = zipmap[0].input[0]  # the float tensor [N, 10] ZipMap turns into a list of maps
        sess = ort_session(path)
        outs, labels, errs = [], [], []
        for i, x in enumerate(xs):
            label, prob_maps = sess.run([label_out, prob_out], {"input": x})
            assert len(prob_maps) == 1 and sorted(prob_maps[0]) == list(range(10)), prob_maps
            prob = np.array([[prob_maps[0][k] for k in range(10)]], dtype=F32)
            want = clf.predict_proba(x)
            err = max_abs(prob, want)
            assert err <= TOL, f"{name} sample {i}: |onnxruntime - sklearn| = {err:.3e} > {TOL}"
            assert label.dtype == np.int64 and label.tolist() == clf.predict(x).tolist(), (label, clf.predict(x))
            outs.append(prob)
            labels.append(int(label[0]))
            errs.append(err)
        report(name, proto, errs)
        entry = base_entry(
            name,
            f"skl2onnx.convert_sklearn(clf, initial_types=[('input', FloatTensorType({shape}))]); "
            f"skl2onnx {skl2onnx.__version__}, scikit-learn {sklearn.__version__}",
            proto, [1, 64], [1, 10], xs, outs, prob_tensor)
        entry["graph_output_name"] = prob_out
        entry["output_note"] = (f"outputs are the probabilities tensor '{prob_tensor}' [1, 10] that feeds ZipMap; "
                                f"the graph output '{prob_out}' is ZipMap's sequence of maps class -> probability")
        entry["label_output_name"] = label_out
        entry["labels"] = labels
        entry["true_labels"] = [int(digits_y[n_train + i]) for i in range(N_SAMPLES)]
        entry["max_abs_error_vs_framework"] = max(errs)
        entries[name] = entry
    return entries


# --------------------------------------------------------------------------- TensorFlow

def tf_fixtures():
    import tensorflow as tf
    import tf2onnx

    keras = tf.keras
    layers = keras.layers
    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)

    def build(model_name):
        if model_name == "mlp":
            model = keras.Sequential([
                keras.Input(shape=(64,)),
                layers.Dense(32, activation="relu"),
                layers.Dense(10),
            ])
        else:
            model = keras.Sequential([
                keras.Input(shape=(8, 8, 1)),
                layers.Conv2D(4, 3, padding="same", activation="relu"),
                layers.MaxPooling2D(2),
                layers.Conv2D(8, 3, padding="same", activation="relu"),
                layers.MaxPooling2D(2),
                layers.Flatten(),
                layers.Dense(32, activation="relu"),
                layers.Dense(10),
            ])
        # Seeded weights and biases (Keras starts biases at zero, which tf2onnx would fold away).
        rng = np.random.default_rng([NUMPY_WEIGHT_SEED, zlib.crc32(model_name.encode("utf-8"))])
        for layer in model.layers:
            weights = layer.get_weights()
            if not weights:
                continue
            kernel, bias = weights
            fan_in = int(np.prod(kernel.shape[:-1]))
            bound = 1.0 / np.sqrt(fan_in)
            layer.set_weights([rng.uniform(-bound, bound, kernel.shape).astype(F32),
                               rng.uniform(-bound, bound, bias.shape).astype(F32)])
        return model

    shapes = {"mlp": (1, 64), "cnn": (1, 8, 8, 1)}
    entries = {}
    for model_name, shape in shapes.items():
        name = f"tf_{model_name}"
        model = build(model_name)
        rng = input_rng(f"tf_{model_name}")
        xs = [rng.standard_normal(shape).astype(F32) for _ in range(N_SAMPLES)]
        expected = [model(x, training=False).numpy() for x in xs]
        spec = (tf.TensorSpec(shape, tf.float32, name="input"),)
        remove_fixture_files(name)
        how = "tf2onnx.convert.from_keras(model, input_signature=spec)"
        try:
            proto, _ = tf2onnx.convert.from_keras(model, input_signature=spec)
        except Exception as exc:  # tf2onnx 1.17 with Keras 3: KeyError on the Keras output tensor name
            print(f"{name}: from_keras failed ({type(exc).__name__}: {exc}); using from_function")
            how = ("tf2onnx.convert.from_function(tf.function(lambda x: model(x, training=False)), "
                   "input_signature=spec)  [from_keras fails with Keras 3]")
            fn = tf.function(lambda x: model(x, training=False))
            proto, _ = tf2onnx.convert.from_function(fn, input_signature=spec)
        path = HERE / f"{name}.onnx"
        path.write_bytes(proto.SerializeToString())
        proto = check_file(path)
        assert len(proto.graph.output) == 1, name
        out_name = proto.graph.output[0].name
        sess = ort_session(path)
        outs, errs = [], []
        for i, (x, want) in enumerate(zip(xs, expected)):
            (y,) = sess.run([out_name], {"input": x})
            err = max_abs(y, want)
            assert y.shape == want.shape and err <= TOL, f"{name} sample {i}: |ort - tf| = {err:.3e} > {TOL}"
            outs.append(y)
            errs.append(err)
        report(name, proto, errs)
        entry = base_entry(name, f"{how}, spec = TensorSpec({list(shape)}, float32, name='input'); "
                                 f"tf2onnx {tf2onnx.__version__}, tensorflow {tf.__version__}, "
                                 f"keras {keras.__version__}",
                           proto, shape, outs[0].shape, xs, outs, out_name)
        entry["max_abs_error_vs_framework"] = max(errs)
        entries[name] = entry
    return entries


# --------------------------------------------------------------------------- reference.json

SAMPLE_KEYS = ("inputs", "outputs")


def fmt_list(values):
    out = []
    for v in np.asarray(values, dtype=F32).ravel():
        if not np.isfinite(v):
            raise ValueError("non-finite value in reference data")
        out.append(str(v))  # numpy's shortest repr that round-trips to the same float32
    return "[" + ", ".join(out) + "]"


def write_reference(entries):
    lines = ["{"]
    names = [n for n in FIXTURE_ORDER if n in entries]
    for ni, name in enumerate(names):
        entry = entries[name]
        lines.append(f"  {json.dumps(name)}: {{")
        keys = [k for k in entry if k not in SAMPLE_KEYS] + list(SAMPLE_KEYS)
        for ki, key in enumerate(keys):
            comma = "," if ki + 1 < len(keys) else ""
            if key in SAMPLE_KEYS:
                lines.append(f"    {json.dumps(key)}: [")
                lines.append(",\n".join("      " + fmt_list(s) for s in entry[key]))
                lines.append("    ]" + comma)
            else:
                lines.append(f"    {json.dumps(key)}: {json.dumps(entry[key])}{comma}")
        lines.append("  }" + ("," if ni + 1 < len(names) else ""))
    lines.append("}")
    REFERENCE.write_text("\n".join(lines) + "\n", encoding="utf-8")


def verify_reference(entries):
    loaded = json.loads(REFERENCE.read_text(encoding="utf-8"))
    assert list(loaded) == [n for n in FIXTURE_ORDER if n in entries], list(loaded)
    for name, entry in entries.items():
        got_entry = loaded[name]
        assert (HERE / f"{name}.onnx").is_file(), name
        for key in SAMPLE_KEYS:
            assert len(got_entry[key]) == len(entry[key]) == N_SAMPLES, (name, key)
            for want, got in zip(entry[key], got_entry[key]):
                want = np.asarray(want, dtype=F32).ravel()
                got = np.asarray(got, dtype=np.float64).astype(F32)
                assert np.array_equal(want.view(np.uint32), got.view(np.uint32)), (name, key)
        for key in ("input", "output"):
            n = int(np.prod(got_entry[f"{key}_shape"]))
            assert all(len(s) == n for s in got_entry[f"{key}s"]), (name, key)


def load_existing():
    if not REFERENCE.exists():
        return {}
    loaded = json.loads(REFERENCE.read_text(encoding="utf-8"))
    for entry in loaded.values():
        for key in SAMPLE_KEYS:
            entry[key] = [np.asarray(s, dtype=np.float64).astype(F32) for s in entry[key]]
    return loaded


def main(argv):
    groups = argv or DEFAULT_GROUPS
    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        sys.exit(f"unknown group(s) {unknown}; choose from {list(GROUPS)}")
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, onnx {onnx.__version__}, "
          f"onnxruntime {ort.__version__}; groups {groups}")
    entries = load_existing()
    makers = {"torch": torch_fixtures, "sklearn": sklearn_fixtures, "tf": tf_fixtures}
    for group in groups:
        for name in GROUPS[group]:
            entries.pop(name, None)
        new = makers[group]()
        assert sorted(new) == sorted(GROUPS[group]), (group, sorted(new))
        entries.update(new)
    kept = [n for n in entries if not any(n in GROUPS[g] for g in groups)]
    if kept:
        print(f"kept from the existing reference.json: {kept}")
    write_reference(entries)
    verify_reference(entries)
    print(f"wrote {len(entries)} entries to {REFERENCE.name}")


if __name__ == "__main__":
    main(sys.argv[1:])
