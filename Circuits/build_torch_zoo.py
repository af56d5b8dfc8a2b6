#!/usr/bin/env python3
"""Builds the zoo models that PyTorch exports: Circuits/<name>/{model.onnx,
calibration.json, test.json, README.md} for resnet8_cifar and vgg11_cifar,
then rebuilds the index Circuits/README.md (build_zoo.write_index).

Usage (in a Python environment with Circuits/requirements-torch.txt):
        python Circuits/build_torch_zoo.py                # both models
        python Circuits/build_torch_zoo.py vgg11_cifar    # only one

Unlike build_zoo.py (numpy only, graphs built node by node), these models
are torch.nn.Modules trained with torch and exported by PyTorch's
TorchScript ONNX exporter (torch.onnx.export(..., dynamo=False,
opset_version=17) in eval mode, so BatchNormalization is folded into the
preceding Conv), i.e. the graphs are exactly what a PyTorch user gets.

Training: on the digits split that every zoo model shares (zoolib), upscaled
to 32x32 and replicated over 3 channels (there is no CIFAR data offline),
in float64 on one thread, deterministic (fixed seeds, a seeded torch
Generator for the shuffling, torch.use_deterministic_algorithms). The
weights are cast to float32 for the export. About 6 minutes on one core.

Deterministic: two runs give byte-identical files (checked with sha256sum).
"""

import io
import os
import sys
import time
import warnings

sys.dont_write_bytecode = True  # keep Circuits/ free of __pycache__
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import zoolib as Z  # noqa: E402  (sets the single-thread environment first)
from zoolib import np  # noqa: E402
import build_zoo as B  # noqa: E402  (index writer, node table, accuracy)

import onnx  # noqa: E402
from onnx import helper  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(1)
try:
    torch.set_num_interop_threads(1)
except RuntimeError:  # already set (e.g. imported after some torch work)
    pass
torch.use_deterministic_algorithms(True)

MODELS = ["resnet8_cifar", "vgg11_cifar"]
EXPORT_OPSET = 17
N_CALIB = 64          # calibration.json: first 64 samples of the training split
N_TEST = 64           # test.json: first 64 samples of the test split
TOLERANCE = 1e-4      # onnxruntime vs torch (float32), max abs error

# The kwargs of every export (input and output names as the zoo expects).
EXPORT_KW = dict(dynamo=False, opset_version=EXPORT_OPSET,
                 input_names=["input"], output_names=["output"])
EXPORT_CALL = ('torch.onnx.export(model.eval(), (x,), f, dynamo=False, '
               'opset_version=17, input_names=["input"], output_names=["output"])')


# --------------------------------------------------------------------------
# The networks (module names become the ONNX node names: /layer1/conv1/Conv)
# --------------------------------------------------------------------------

class BasicBlock(nn.Module):
    """ResNet basic block: conv3x3+BN+ReLU, conv3x3+BN, shortcut, add, ReLU.

    The shortcut is a 1x1 conv (stride s) + BN when the shape changes, the
    identity otherwise."""

    def __init__(self, c_in, c_out, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(c_in, c_out, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(c_out)
        self.relu1 = nn.ReLU()
        self.conv2 = nn.Conv2d(c_out, c_out, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(c_out)
        self.relu2 = nn.ReLU()
        self.has_shortcut = stride != 1 or c_in != c_out
        if self.has_shortcut:
            self.shortcut_conv = nn.Conv2d(c_in, c_out, 1, stride, 0, bias=False)
            self.shortcut_bn = nn.BatchNorm2d(c_out)

    def forward(self, x):
        out = self.relu1(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        skip = self.shortcut_bn(self.shortcut_conv(x)) if self.has_shortcut else x
        return self.relu2(out + skip)


class ResNet8(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        self.relu = nn.ReLU()
        self.layer1 = BasicBlock(16, 16, 1)
        self.layer2 = BasicBlock(16, 32, 2)
        self.layer3 = BasicBlock(32, 64, 2)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(64, num_classes)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.fc(x)


def vgg_features(config):
    """VGG feature extractor from a config list (ints: conv3x3 pad 1 + ReLU,
    "M": MaxPool2d(2)), with named layers conv1, relu1, pool1, conv2, ..."""
    from collections import OrderedDict

    layers, c_in, n_conv, n_pool = OrderedDict(), 3, 0, 0
    for v in config:
        if v == "M":
            n_pool += 1
            layers[f"pool{n_pool}"] = nn.MaxPool2d(2)
        else:
            n_conv += 1
            layers[f"conv{n_conv}"] = nn.Conv2d(c_in, v, 3, padding=1)
            layers[f"relu{n_conv}"] = nn.ReLU()
            c_in = v
    return nn.Sequential(layers), c_in


class VGG(nn.Module):
    """VGG for 32x32 inputs: the features end at 1x1, so the classifier
    takes the last conv's channels (no 7x7 adaptive pool, no dropout)."""

    def __init__(self, config, hidden, num_classes=10):
        from collections import OrderedDict

        super().__init__()
        self.features, c = vgg_features(config)
        layers = OrderedDict()
        for i, h in enumerate(hidden, 1):
            layers[f"fc{i}"] = nn.Linear(c, h)
            layers[f"relu{i}"] = nn.ReLU()
            c = h
        layers[f"fc{len(hidden) + 1}"] = nn.Linear(c, num_classes)
        self.classifier = nn.Sequential(layers)

    def forward(self, x):
        x = self.features(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


# VGG-11 ("A": 64, M, 128, M, 256, 256, M, 512, 512, M, 512, 512, M) with
# every width divided by 4.
VGG11_QUARTER = [16, "M", 32, "M", 64, 64, "M", 128, 128, "M", 128, 128, "M"]


def init_conv_kaiming(model):
    """torchvision's init for ResNet/VGG convs: He normal, fan_out, zero bias."""
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            if m.bias is not None:
                nn.init.zeros_(m.bias)


# --------------------------------------------------------------------------
# Data, training, export
# --------------------------------------------------------------------------

class Data:
    """The shared digits split at 32x32, replicated over 3 channels (NCHW)."""

    def __init__(self):
        x8_tr, self.y_train, x8_te, self.y_test = Z.load_split()
        self.x_train = np.repeat(Z.upscale(x8_tr, 32)[:, None], 3, axis=1)
        self.x_test = np.repeat(Z.upscale(x8_te, 32)[:, None], 3, axis=1)


def torch_accuracy(model, x, y):
    model.eval()
    dtype = next(model.parameters()).dtype
    with torch.no_grad():
        logits = model(torch.tensor(x, dtype=dtype))
    return int((logits.argmax(1).numpy() == y).sum())


def train(model, data, seed, epochs, lr, batch, weight_decay):
    """AdamW + cosine decay to 0 per step, softmax cross-entropy, float64.

    Returns the per-epoch history [(loss, train acc, test acc)]."""
    model.double()
    x_tr = torch.tensor(data.x_train, dtype=torch.float64)
    y_tr = torch.tensor(data.y_train)
    n = len(x_tr)
    steps = epochs * (-(-n // batch))
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=steps)
    gen = torch.Generator().manual_seed(seed)
    history = []
    start = time.time()
    for epoch in range(epochs):
        model.train()
        perm = torch.randperm(n, generator=gen)
        loss_sum, correct = 0.0, 0
        for i in range(0, n, batch):
            idx = perm[i:i + batch]
            opt.zero_grad()
            logits = model(x_tr[idx])
            loss = F.cross_entropy(logits, y_tr[idx])
            loss.backward()
            opt.step()
            sched.step()
            loss_sum += loss.item() * len(idx)
            correct += int((logits.argmax(1) == y_tr[idx]).sum())
        test_ok = torch_accuracy(model, data.x_test, data.y_test)
        history.append((loss_sum / n, correct / n, test_ok / len(data.y_test)))
        print(f"    epoch {epoch + 1:2d}/{epochs}: loss {history[-1][0]:.4f} "
              f"train acc {history[-1][1]:.4f} test acc {history[-1][2]:.4f} "
              f"({time.time() - start:.0f} s)", flush=True)
    return history


def export_onnx(model, sample, doc, weights):
    """TorchScript export of the float32 model in eval mode; returns the
    onnx.ModelProto with the zoo's metadata (doc string and the
    zkinfer.zoo.weights property) added; the graph is untouched."""
    model.eval().float()
    x = torch.tensor(sample[None], dtype=torch.float32)
    f = io.BytesIO()
    with warnings.catch_warnings():
        # "You are using the legacy TorchScript-based ONNX export": on purpose.
        warnings.simplefilter("ignore", DeprecationWarning)
        torch.onnx.export(model, (x,), f, **EXPORT_KW)
    proto = onnx.load_from_string(f.getvalue())
    proto.doc_string = doc
    assert weights in ("trained", "random")
    helper.set_model_props(proto, {"zkinfer.zoo.weights": weights})
    return proto


def check_export(proto, path, model, rows, expect_ops):
    """Checker, static shapes, the expected operators (no BatchNormalization
    left), and onnxruntime vs torch float32 within TOLERANCE on rows."""
    onnx.checker.check_model(proto, full_check=True)
    assert [i.name for i in proto.graph.input] == ["input"]
    assert [o.name for o in proto.graph.output] == ["output"]
    inferred = onnx.shape_inference.infer_shapes(proto, check_type=True,
                                                 strict_mode=True)
    for vi in (list(inferred.graph.input) + list(inferred.graph.value_info)
               + list(inferred.graph.output)):
        dims = vi.type.tensor_type.shape.dim
        assert dims and all(d.HasField("dim_value") for d in dims), vi.name
    ops = sorted({n.op_type for n in proto.graph.node})
    assert ops == sorted(expect_ops), ops
    for n in proto.graph.node:
        if n.op_type == "Gemm":
            attrs = {a.name: helper.get_attribute_value(a) for a in n.attribute}
            assert attrs.get("transB") == 1, n.name
    model.eval().float()
    shape = [1] + list(rows.shape[1:])
    with torch.no_grad():
        ref = model(torch.tensor(rows, dtype=torch.float32)).numpy()
    got = Z.ort_run(path, rows.reshape(len(rows), -1), shape)
    err = float(np.abs(got.astype(np.float64) - ref.astype(np.float64)).max())
    print(f"  onnxruntime vs torch float32: max abs error {err:.3e} over "
          f"{len(rows)} inputs")
    assert err <= TOLERANCE, err
    return inferred, err


def torch_params(model):
    return sum(p.numel() for p in model.parameters())


# --------------------------------------------------------------------------
# The two models
# --------------------------------------------------------------------------

INPUT_DESC = ("NCHW, " + B.UPSCALE_NOTE.format(s=32) +
              ", replicated over the 3 channels (no CIFAR data is available)")


def train_text(kw, hist, n_train):
    return (
        f"Trained with PyTorch in float64 (exported as float32) on the {n_train:,} "
        f"training samples of the shared split at 32x32x3: softmax cross-entropy, "
        f"AdamW (beta1 0.9, beta2 0.999, decoupled weight decay "
        f"{kw['weight_decay']:g} on all parameters), batch {kw['batch']}, "
        f"{kw['epochs']} epochs, learning rate {kw['lr']:g} with per-step cosine "
        f"decay to 0, no augmentation; shuffling by a torch Generator seeded "
        f"{kw['seed']}, weights initialised after `torch.manual_seed({kw['seed']})` "
        f"(PyTorch defaults, convs He-normal fan_out as torchvision does). "
        f"Final epoch: loss {hist[-1][0]:.4f}, train accuracy "
        f"{100 * hist[-1][1]:.2f} %.")


def resnet8_cifar(data):
    seed = 107
    kw = dict(seed=seed, epochs=15, lr=2e-3, batch=32, weight_decay=1e-4)
    torch.manual_seed(seed)
    model = ResNet8()
    init_conv_kaiming(model)
    print(f"  training: {kw}")
    hist = train(model, data, **kw)
    return dict(
        model=model, kw=kw, hist=hist,
        expect_ops=["Conv", "Relu", "Add", "GlobalAveragePool", "Flatten", "Gemm"],
        summary=(
            "ResNet-8 for CIFAR-size input, exported by PyTorch: Conv 3x3 3->16 + "
            "BN + Relu; three stages of one BasicBlock each (16; 32 stride 2; 64 "
            "stride 2), each [Conv 3x3 + BN + Relu, Conv 3x3 + BN] plus a shortcut "
            "(a 1x1 Conv stride 2 + BN where the shape changes, identity in the "
            "first stage), Add, Relu; AdaptiveAvgPool2d(1) (GlobalAveragePool); "
            "`torch.flatten(x, 1)` (Flatten); Linear 64->10 (Gemm). The exporter "
            "folds every BN into its Conv, so the graph has 9 Conv nodes with "
            "bias and no BatchNormalization; stride-2 3x3 and 1x1 Convs, three "
            "residual Adds."),
        doc="zkinfer zoo resnet8_cifar: ResNet-8 (BasicBlock 16-32-64) exported "
            "by PyTorch, trained on 32x32x3 upscaled digits")


def vgg11_cifar(data):
    seed = 108
    kw = dict(seed=seed, epochs=15, lr=1e-3, batch=32, weight_decay=1e-4)
    torch.manual_seed(seed)
    model = VGG(VGG11_QUARTER, hidden=[64])
    init_conv_kaiming(model)
    print(f"  training: {kw}")
    hist = train(model, data, **kw)
    return dict(
        model=model, kw=kw, hist=hist,
        expect_ops=["Conv", "Relu", "MaxPool", "Flatten", "Gemm"],
        summary=(
            "VGG-11 (configuration \"A\") for CIFAR-size input with every width "
            "divided by 4, exported by PyTorch: Conv 3x3 (pad 1) + Relu with widths "
            "16, M, 32, M, 64, 64, M, 128, 128, M, 128, 128, M (M = MaxPool 2x2 "
            "stride 2), ending at 128x1x1; `torch.flatten(x, 1)` (Flatten); "
            "Linear 128->64 + Relu; Linear 64->10. No BatchNormalization, no "
            "dropout: 8 Conv, 5 MaxPool, 2 Gemm."),
        doc="zkinfer zoo vgg11_cifar: VGG-11 (A) at quarter width exported by "
            "PyTorch, trained on 32x32x3 upscaled digits")


BUILDERS = {"resnet8_cifar": resnet8_cifar, "vgg11_cifar": vgg11_cifar}


# --------------------------------------------------------------------------
# Writing a model folder
# --------------------------------------------------------------------------

def write_readme(name, info, folder, proto, inferred, n_torch, params, macs,
                 correct, total, full_correct, full_total, err, size):
    kw = info["kw"]
    acc = f"{100 * correct / total:.2f} % ({correct}/{total})"
    full = f"{100 * full_correct / full_total:.2f} % ({full_correct}/{full_total})"
    bn_note = ""
    if n_torch != params:
        bn_note = (f"; the PyTorch module has {n_torch:,} parameters (BN affine "
                   "weights included, running statistics not), folded into the "
                   "Conv weights and biases at export")
    folded = [t.name for t in proto.graph.initializer if t.name.startswith("onnx::")]
    example = [t.name for t in proto.graph.initializer if t.name not in folded][0]
    names = f"Initializers are named after the module parameters (`{example}`)"
    if folded:
        names += (f", except the {len(folded)} Conv weights and biases that the "
                  "exporter made by folding BatchNormalization, which get its own "
                  "names (`onnx::Conv_NN`)")
    text = f"""# {name}

{info['summary']}

| | |
|---|---|
| input | `input` float32 [1, 3, 32, 32]: {INPUT_DESC} |
| output | `output` float32 [1, 10]: class logits (no Softmax) |
| parameters | {params:,} (all initializer elements{bn_note}) |
| MACs | {macs:,} (Conv + Gemm multiply-accumulates per inference) |
| weights | trained (PyTorch, float64) |
| float test accuracy | {acc}, onnxruntime on `test.json`; {full} on the whole 450-sample test split (PyTorch float32) |
| model.onnx | {size:,} bytes; producer `{proto.producer_name}` {proto.producer_version}, opset {proto.opset_import[0].version}, IR version {proto.ir_version} |

## Graph

As exported: node names come from the module path. {names}.

{B.node_table(inferred)}

## Weights

{train_text(kw, info['hist'], len(info['x_train']))}

## Export

`{EXPORT_CALL}` with `torch.onnx.export`'s other arguments at their defaults
(`do_constant_folding=True`, `export_params=True`), batch 1, static shapes,
from the float32 copy of the trained weights in eval mode (TorchScript
exporter, so every BatchNormalization is folded into its Conv). The script
then only adds the model doc string and the metadata property
`zkinfer.zoo.weights = trained` and writes the protobuf with deterministic
serialization. Checked: `onnx.checker.check_model(full_check=True)`, static
shapes throughout (ONNX shape inference), and onnxruntime against the
PyTorch float32 module on the {total} test inputs: max abs error
{err:.1e} (limit {TOLERANCE:g}).

## Data

sklearn's bundled `load_digits` (1,797 8x8 images, 10 classes); nothing is
downloaded. The split is shared by every zoo model: a numpy
`default_rng({Z.SPLIT_SEED}).permutation(1797)`, whose first 450 indices
(25 %) are the test split and the remaining 1,347 the training split.
Floats in the JSON files are the shortest decimal strings that round-trip
exactly to the float32 values fed to the model.

## Files

- `model.onnx`: the PyTorch export described above (opset {EXPORT_OPSET}), input `input`, output `output` (logits, no Softmax), weights as initializers, Gemm with transB=1.
- `calibration.json`: EZKL-style `{{"input_data": [[...], ...]}}`: the first {N_CALIB} samples of the training split, one flattened row-major input per row.
- `test.json`: `{{"input_data": [...], "labels": [...]}}`: the first {total} samples of the held-out test split with their labels.
- `README.md`: this file (generated by the build script).

## Regenerate

```sh
python3 -m venv /tmp/venv-torch && /tmp/venv-torch/bin/pip install -r Circuits/requirements-torch.txt
/tmp/venv-torch/bin/python Circuits/build_torch_zoo.py {name}
/tmp/venv-torch/bin/python Vectors/zoo/generate_zoo_vectors.py {name}   # reference vectors + numpy check
```

Output is byte-identical across runs (seed and hyperparameters are in
`Circuits/build_torch_zoo.py`, function `{name}`; checked with sha256sum on
one machine). Training in float64 makes it unlikely, but does not
guarantee, that another CPU kind or torch build reaches different float32
weights: many optimizer steps can amplify a last-bit difference.
"""
    Z.write_text(os.path.join(folder, "README.md"), text)


def build(name, data):
    print(f"== {name}")
    info = BUILDERS[name](data)
    model = info["model"]
    info["x_train"] = data.x_train
    folder = os.path.join(Z.CIRCUITS_DIR, name)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "model.onnx")
    test_x, test_y = data.x_test[:N_TEST], data.y_test[:N_TEST]
    proto = export_onnx(model, test_x[0], info["doc"], "trained")
    Z.save_model(proto, path)
    inferred, err = check_export(proto, path, model, test_x, info["expect_ops"])
    Z.write_input_json(os.path.join(folder, "calibration.json"),
                       data.x_train[:N_CALIB].reshape(N_CALIB, -1))
    Z.write_input_json(os.path.join(folder, "test.json"),
                       test_x.reshape(N_TEST, -1), test_y)
    params, macs = Z.model_stats(proto)
    n_torch = torch_params(model)
    correct, total = B.accuracy(path, test_x.reshape(N_TEST, -1), test_y,
                                [1, 3, 32, 32])
    full_correct = torch_accuracy(model, data.x_test, data.y_test)
    size = os.path.getsize(path)
    print(f"  params {params:,} (torch {n_torch:,})  MACs {macs:,}  "
          f"model.onnx {size:,} bytes")
    print(f"  onnxruntime test.json accuracy {correct}/{total}; torch float32 "
          f"on the whole test split {full_correct}/{len(data.y_test)}")
    write_readme(name, info, folder, proto, inferred, n_torch, params, macs,
                 correct, total, full_correct, len(data.y_test), err, size)


def main(argv):
    names = argv or MODELS
    unknown = [n for n in names if n not in BUILDERS]
    if unknown:
        sys.exit(f"unknown model(s): {unknown}; choose from {MODELS}")
    data = Data()
    for name in names:
        build(name, data)
    B.write_index()
    print("wrote Circuits/README.md")


if __name__ == "__main__":
    main(sys.argv[1:])
