#!/usr/bin/env python3
"""Builds vgg16_cifar, a full-width VGG-16 for 32x32x3 input (~15M
parameters, ~60 MB of ONNX), OUTSIDE the repository: the model is too big to
commit, so this script is how to get it.

Usage (in a Python environment with Circuits/requirements-torch.txt):
    python Circuits/build_large_zoo.py [OUTPUT_DIR]
        default OUTPUT_DIR: /tmp/zkinfer-zoo-large/vgg16_cifar
        (a directory inside the repository is refused)

Writes OUTPUT_DIR/{model.onnx, calibration.json (8 samples), test.json
(4 samples + labels), README.md}, laid out like Circuits/<name>/.

Network: VGG-16 ("D") at full width, 13 Conv 3x3 (pad 1) + Relu:
64-64-M-128-128-M-256-256-256-M-512-512-512-M-512-512-512-M (M = MaxPool 2x2),
ending at 512x1x1; torch.flatten(x, 1); Linear 512->512 + Relu, Linear
512->512 + Relu, Linear 512->10. No BatchNormalization, no dropout.

Weights: seeded random (seed 109), not trained (too slow on one CPU core):
He-normal weights and N(0, 0.1) biases, then every Conv/Linear layer in
order is rescaled (weight and bias by one factor) so that its output has
unit standard deviation over the 8 calibration inputs, which keeps the
activations and logits at a sensible scale through 16 layers (as BN
statistics derived from data do for cifar_cnn). Export exactly as for
build_torch_zoo.py: torch.onnx.export(..., dynamo=False, opset_version=17,
input_names=["input"], output_names=["output"]) in eval mode, batch 1,
static shapes; onnx.checker and onnxruntime vs torch within 1e-4.
Deterministic (two runs give byte-identical files). About 10 s on one core.
"""

import os
import sys
import time

sys.dont_write_bytecode = True  # keep Circuits/ free of __pycache__
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import build_torch_zoo as T  # noqa: E402  (sets the single-thread environment)
from build_torch_zoo import B, Z, np, torch, nn  # noqa: E402

NAME = "vgg16_cifar"
DEFAULT_OUT = "/tmp/zkinfer-zoo-large/" + NAME
SEED = 109
N_CALIB = 8
N_TEST = 4
VGG16 = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M",
         512, 512, 512, "M", 512, 512, 512, "M"]
REPO = os.path.dirname(HERE)


def seeded_vgg16(calib):
    torch.manual_seed(SEED)
    model = VGG16Model()
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
            nn.init.normal_(m.bias, 0.0, 0.1)
    model.double().eval()
    # Layer-by-layer rescaling to unit output std over the calibration set.
    layers = list(model.features) + [nn.Flatten(1)] + list(model.classifier)
    h = torch.tensor(calib, dtype=torch.float64)
    with torch.no_grad():
        for layer in layers:
            out = layer(h)
            if isinstance(layer, (nn.Conv2d, nn.Linear)):
                scale = float(out.std())
                layer.weight /= scale
                layer.bias /= scale
                out = layer(h)
            h = out
    return model.float()


class VGG16Model(T.VGG):
    def __init__(self):
        super().__init__(VGG16, hidden=[512, 512])


def main(argv):
    if len(argv) > 1:
        sys.exit(__doc__)
    out_dir = os.path.abspath(argv[0] if argv else DEFAULT_OUT)
    real = os.path.realpath(out_dir)
    if real == os.path.realpath(REPO) or real.startswith(os.path.realpath(REPO) + os.sep):
        sys.exit(f"refusing to write {out_dir}: inside the repository "
                 f"({REPO}); the model is ~60 MB")
    os.makedirs(out_dir, exist_ok=True)
    start = time.time()
    data = T.Data()
    calib = data.x_train[:N_CALIB]
    test_x, test_y = data.x_test[:N_TEST], data.y_test[:N_TEST]
    model = seeded_vgg16(calib)
    n_torch = T.torch_params(model)
    print(f"== {NAME}: {n_torch:,} parameters -> {out_dir}")
    proto = T.export_onnx(model, test_x[0],
                          "zkinfer zoo vgg16_cifar: full-width VGG-16 (D) for "
                          "32x32x3 input exported by PyTorch, seeded random "
                          "weights", "random")
    path = os.path.join(out_dir, "model.onnx")
    Z.save_model(proto, path)
    inferred, err = T.check_export(proto, path, model, test_x,
                                   ["Conv", "Relu", "MaxPool", "Flatten", "Gemm"])
    Z.write_input_json(os.path.join(out_dir, "calibration.json"),
                       calib.reshape(N_CALIB, -1))
    Z.write_input_json(os.path.join(out_dir, "test.json"),
                       test_x.reshape(N_TEST, -1), test_y)
    params, macs = Z.model_stats(proto)
    logits = Z.ort_run(path, test_x.reshape(N_TEST, -1), [1, 3, 32, 32])
    size = os.path.getsize(path)
    print(f"  params {params:,}  MACs {macs:,}  model.onnx {size:,} bytes "
          f"({size / 2**20:.1f} MiB)")
    print(f"  logits std over the test inputs {float(logits.std()):.3f}; "
          f"{time.time() - start:.0f} s")
    text = f"""# {NAME}

Full-width VGG-16 ("D") for CIFAR-size input, exported by PyTorch, built by
`Circuits/build_large_zoo.py` outside the repository (too big to commit):
13 Conv 3x3 (pad 1) + Relu, 64-64-M-128-128-M-256-256-256-M-512-512-512-M-512-512-512-M
(M = MaxPool 2x2 stride 2), ending at 512x1x1; `torch.flatten(x, 1)`;
Linear 512->512 + Relu, Linear 512->512 + Relu, Linear 512->10.
No BatchNormalization, no dropout.

| | |
|---|---|
| input | `input` float32 [1, 3, 32, 32]: {T.INPUT_DESC} |
| output | `output` float32 [1, 10]: class logits (no Softmax) |
| parameters | {params:,} (all initializer elements; {n_torch:,} in the PyTorch module) |
| MACs | {macs:,} (Conv + Gemm multiply-accumulates per inference) |
| weights | seeded random (seed {SEED}), not trained |
| model.onnx | {size:,} bytes; producer `{proto.producer_name}` {proto.producer_version}, opset {proto.opset_import[0].version}, IR version {proto.ir_version} |

Weights: He-normal (fan_in) and N(0, 0.1) biases after `torch.manual_seed({SEED})`,
then every Conv/Linear layer in order rescaled (weight and bias together)
to unit output standard deviation over the {N_CALIB} calibration inputs.
Accuracy is chance level by construction.

Export: `{T.EXPORT_CALL}`, batch 1, static shapes, then the doc string and
the metadata property `zkinfer.zoo.weights = random` are added and the
protobuf written with deterministic serialization. Checked with
`onnx.checker.check_model(full_check=True)` and onnxruntime against the
PyTorch float32 module on the {N_TEST} test inputs: max abs error {err:.1e}.

Files: `model.onnx`; `calibration.json`, EZKL-style `{{"input_data": [[...]]}}`,
the first {N_CALIB} samples of the zoo's digits training split at 32x32x3;
`test.json`, the first {N_TEST} samples of its test split with `labels`
(see `Circuits/README.md` for the data).

## Graph

{B.node_table(inferred)}

## Regenerate

```sh
python Circuits/build_large_zoo.py {out_dir}
```
"""
    Z.write_text(os.path.join(out_dir, "README.md"), text)


if __name__ == "__main__":
    main(sys.argv[1:])
