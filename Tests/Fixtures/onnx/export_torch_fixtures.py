#!/usr/bin/env python3
"""Export a small PyTorch model to ONNX with a real exporter, for zkinfer's importer tests.

Writes, next to this file:
  * torch_linear_leakyrelu.onnx   nn.Sequential(Linear(16, 8), LeakyReLU(0.2), Linear(8, 4)),
                                   weights from torch.manual_seed(7), exported in eval mode by
                                   torch.onnx.export(..., dynamo=False) (the TorchScript exporter)
  * torch_linear_leakyrelu.json   3 seeded inputs and, for each, the onnxruntime and the torch output

Opset: the TorchScript exporter of torch 2.15 defaults to opset 20, above the opsets zkinfer's
importer supports (11 to 19), so the script passes opset_version=17. It does not pass input or
output names: the graph keeps the names the exporter chooses, as a model exported without them
would.

Inputs come from numpy.random.default_rng(11): each is rng.standard_normal((1, 16)) rounded to
float32. The script stops unless, for every input, onnxruntime, torch and a numpy float64
evaluation of the same weights agree within 1e-5 (largest absolute difference).

Usage (from the repository root, in an environment with torch, onnx, onnxruntime and numpy):
  OMP_NUM_THREADS=1 python3 Tests/Fixtures/onnx/export_torch_fixtures.py
"""
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import io  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import onnxruntime as ort  # noqa: E402
import torch  # noqa: E402
from onnx import helper  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_fixtures import ort_session  # noqa: E402  (one onnxruntime configuration for every fixture)

OUT_DIR = Path(__file__).resolve().parent
NAME = "torch_linear_leakyrelu"
TORCH_SEED = 7
INPUT_SEED = 11
OPSET = 17
ALPHA = 0.2
N_SAMPLES = 3
TOL = 1e-5
F32 = np.float32


def build_model():
    torch.manual_seed(TORCH_SEED)
    model = torch.nn.Sequential(
        torch.nn.Linear(16, 8),
        torch.nn.LeakyReLU(ALPHA),
        torch.nn.Linear(8, 4),
    )
    return model.eval()


def export(model):
    x = torch.zeros(1, 16)  # only the shape matters for tracing
    buf = io.BytesIO()
    torch.onnx.export(model, (x,), buf, dynamo=False, opset_version=OPSET)
    return buf.getvalue()


def describe(model_proto):
    lines = []
    for node in model_proto.graph.node:
        attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
        lines.append(f"  {node.op_type:10s} {node.name:16s} {list(node.input)} -> {list(node.output)} {attrs}")
    return lines


def check_graph(model_proto):
    onnx.checker.check_model(model_proto, full_check=True)
    assert [o.version for o in model_proto.opset_import if o.domain in ("", "ai.onnx")] == [OPSET]
    assert len(model_proto.graph.input) == 1 and len(model_proto.graph.output) == 1
    for init in model_proto.graph.initializer:
        assert init.data_location != onnx.TensorProto.EXTERNAL, f"{init.name} uses external data"
    ops = [n.op_type for n in model_proto.graph.node]
    leaky = [n for n in model_proto.graph.node if n.op_type == "LeakyRelu"]
    assert len(leaky) == 1, ops
    alpha = {a.name: helper.get_attribute_value(a) for a in leaky[0].attribute}.get("alpha")
    assert alpha is not None and F32(alpha) == F32(ALPHA), alpha
    assert ops.count("Gemm") == 2 or (ops.count("MatMul") == 2 and ops.count("Add") == 2), ops
    return ops


def numpy_reference(model, x):
    """Float64 evaluation of the same weights, independent of both torch and onnxruntime."""
    sd = {k: v.detach().numpy().astype(np.float64) for k, v in model.state_dict().items()}
    h = x.astype(np.float64) @ sd["0.weight"].T + sd["0.bias"]
    a = float(F32(ALPHA))
    h = np.where(h >= 0.0, h, a * h)
    return h @ sd["2.weight"].T + sd["2.bias"]


def fmt_list(values):
    out = []
    for v in np.asarray(values, dtype=F32).ravel():
        if not np.isfinite(v):
            raise ValueError("non-finite value in reference data")
        out.append(str(v))  # shortest repr that round-trips to the same float32
    return "[" + ", ".join(out) + "]"


def write_json(path, entry):
    lines = ["{"]
    for key in ("model", "exporter", "opset", "ops", "input_name", "output_name",
                "input_shape", "output_shape"):
        lines.append(f"  {json.dumps(key)}: {json.dumps(entry[key])},")
    keys = ("inputs", "outputs", "torch_outputs")
    for i, key in enumerate(keys):
        lines.append(f"  {json.dumps(key)}: [")
        lines.append(",\n".join("    " + fmt_list(s) for s in entry[key]))
        lines.append("  ]" + ("," if i + 1 < len(keys) else ""))
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def verify_json_roundtrip(path, entry):
    loaded = json.loads(path.read_text(encoding="utf-8"))
    for key in ("inputs", "outputs", "torch_outputs"):
        assert len(loaded[key]) == len(entry[key]) == N_SAMPLES, key
        for want, got in zip(entry[key], loaded[key]):
            want = np.asarray(want, dtype=F32).ravel()
            got = np.asarray(got, dtype=np.float64).astype(F32)
            assert np.array_equal(want.view(np.uint32), got.view(np.uint32)), key


def main():
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, onnx {onnx.__version__}, "
          f"onnxruntime {ort.__version__}, torch {torch.__version__}")
    torch.set_num_threads(1)
    model = build_model()
    data = export(model)
    proto = onnx.load_model_from_string(data)
    ops = check_graph(proto)
    print(f"{NAME}.onnx: ir_version {proto.ir_version}, opset {OPSET}, "
          f"producer {proto.producer_name} {proto.producer_version}, {len(data)} bytes")
    print("\n".join(describe(proto)))

    in_name = proto.graph.input[0].name
    out_name = proto.graph.output[0].name
    in_shape = [d.dim_value for d in proto.graph.input[0].type.tensor_type.shape.dim]
    out_shape = [d.dim_value for d in proto.graph.output[0].type.tensor_type.shape.dim]
    assert in_shape == [1, 16] and out_shape == [1, 4], (in_shape, out_shape)

    sess = ort_session(data)
    rng = np.random.default_rng(INPUT_SEED)
    inputs, ort_outputs, torch_outputs = [], [], []
    for sample in range(N_SAMPLES):
        x = rng.standard_normal((1, 16)).astype(F32)
        assert (x > 0).any() and (x < 0).any()
        (y_ort,) = sess.run([out_name], {in_name: x})
        with torch.no_grad():
            y_torch = model(torch.from_numpy(x)).numpy()
        y_ref = numpy_reference(model, x)
        assert y_ort.dtype == F32 and y_torch.dtype == F32
        assert list(y_ort.shape) == out_shape and y_torch.shape == y_ort.shape
        err_tt = float(np.max(np.abs(y_ort.astype(np.float64) - y_torch.astype(np.float64))))
        err_np = max(float(np.max(np.abs(y_ref - y.astype(np.float64)))) for y in (y_ort, y_torch))
        assert err_tt <= TOL, f"sample {sample}: |onnxruntime - torch| = {err_tt:.3e} > {TOL}"
        assert err_np <= TOL, f"sample {sample}: |numpy - onnxruntime or torch| = {err_np:.3e} > {TOL}"
        print(f"  sample {sample}: max |ort - torch| = {err_tt:.2e}, max |numpy - ort/torch| = {err_np:.2e}")
        inputs.append(x)
        ort_outputs.append(y_ort)
        torch_outputs.append(y_torch)

    (OUT_DIR / f"{NAME}.onnx").write_bytes(data)
    entry = {
        "model": f"{NAME}.onnx",
        "exporter": f"torch.onnx.export(dynamo=False, opset_version={OPSET}), "
                    f"{proto.producer_name} {proto.producer_version}",
        "opset": OPSET,
        "ops": ops,
        "input_name": in_name,
        "output_name": out_name,
        "input_shape": in_shape,
        "output_shape": out_shape,
        "inputs": inputs,
        "outputs": ort_outputs,
        "torch_outputs": torch_outputs,
    }
    json_path = OUT_DIR / f"{NAME}.json"
    write_json(json_path, entry)
    verify_json_roundtrip(json_path, entry)
    print(f"wrote {NAME}.onnx and {NAME}.json")


if __name__ == "__main__":
    main()
