#!/usr/bin/env python3
"""Generate the one-operator ONNX fixtures and reference outputs for zkinfer's importer.

Writes, next to this file:
  * <name>.onnx          positive fixtures (one input "input", one output "output")
  * bad_<what>.onnx      negative fixtures the importer must reject
  * reference.json       3 seeded inputs per positive fixture and onnxruntime's outputs

Every onnxruntime output is cross-checked against an independent numpy (float64)
implementation of the operator; the script aborts if they differ by more than TOL.

Usage (from the repository root):
  OMP_NUM_THREADS=1 python3 Tests/Fixtures/onnx/generate_fixtures.py
"""
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import json  # noqa: E402
import sys  # noqa: E402
import zlib  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import onnxruntime as ort  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

OUT_DIR = Path(__file__).resolve().parent
BASE_SEED = 0x5A4B1F  # "ZK" + importer fixtures
IR_VERSION = 8
N_SAMPLES = 3
TOL = 1e-5
PRODUCER = "zkinfer Tests/Fixtures/onnx/generate_fixtures.py"
F32 = np.float32


def rng_for(name: str) -> np.random.Generator:
    """Independent stream per fixture, so adding a fixture never changes another."""
    return np.random.default_rng([BASE_SEED, zlib.crc32(name.encode("utf-8"))])


# ---------------------------------------------------------------------------
# Model construction helpers
# ---------------------------------------------------------------------------

def make_model(name, opset, nodes, in_shape, out_shape, inits=None, extra_inputs=(),
               doc="", ir_version=IR_VERSION):
    initializers = []
    for key, value in (inits or {}).items():
        if isinstance(value, TensorProto):
            initializers.append(value)
        else:
            initializers.append(numpy_helper.from_array(np.asarray(value), key))
    graph = helper.make_graph(
        nodes,
        name,
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, list(in_shape)), *extra_inputs],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, list(out_shape))],
        initializer=initializers,
        doc_string=doc,
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", opset)],
        producer_name=PRODUCER,
        producer_version="1",
    )
    # Opsets from 22 on come with IR version 10+ in onnx's own tables; 14 is what onnx 1.23 writes.
    model.ir_version = ir_version if opset < 22 else max(ir_version, 14)
    model.doc_string = doc
    return model


def weight(rng, shape, fan_in):
    """He/Glorot-like scale so that outputs stay O(1) for inputs in [-2, 2]."""
    return rng.normal(0.0, 1.0 / np.sqrt(fan_in), size=shape).astype(F32)


def bias(rng, n):
    return rng.uniform(-0.5, 0.5, size=n).astype(F32)


def scalar(value, dtype=F32):
    return np.array(value, dtype=dtype)


# ---------------------------------------------------------------------------
# Independent numpy reference implementations (float64 arithmetic)
# ---------------------------------------------------------------------------

def d(a):
    return np.asarray(a, dtype=np.float64)


def ref_gemm(a, b, c, alpha=1.0, beta=1.0, trans_a=0, trans_b=0):
    a, b = d(a), d(b)
    if trans_a:
        a = a.T
    if trans_b:
        b = b.T
    y = alpha * (a @ b)
    if c is not None:
        y = y + beta * d(c)
    return y


def ref_conv2d(x, w, b, strides=(1, 1), pads=(0, 0, 0, 0), dilations=(1, 1), group=1):
    """pads = [top, left, bottom, right] as in ONNX (x1_begin, x2_begin, x1_end, x2_end).
    Dilated kernels read every dilations-th cell; group g splits the input channels and the
    output channels into g equal blocks, block k of the output reading only block k of the input."""
    x, w = d(x), d(w)
    x = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    n, c, h, wd = x.shape
    m, cg, kh, kw = w.shape
    assert c == cg * group and m % group == 0
    mg = m // group
    sh, sw = strides
    dh, dw = dilations
    ekh, ekw = (kh - 1) * dh + 1, (kw - 1) * dw + 1  # extent of the dilated kernel
    oh, ow = (h - ekh) // sh + 1, (wd - ekw) // sw + 1
    y = np.zeros((n, m, oh, ow))
    for i in range(oh):
        for j in range(ow):
            patch = x[:, :, i * sh:i * sh + ekh:dh, j * sw:j * sw + ekw:dw]
            for g in range(group):
                y[:, g * mg:(g + 1) * mg, i, j] = np.tensordot(
                    patch[:, g * cg:(g + 1) * cg], w[g * mg:(g + 1) * mg], axes=([1, 2, 3], [1, 2, 3]))
    if b is not None:
        y = y + d(b)[None, :, None, None]
    return y


def ref_pad(x, pads, value=0.0):
    """ONNX Pad, mode constant: pads = [x1_begin, ..., xn_begin, x1_end, ..., xn_end]."""
    r = x.ndim
    return np.pad(d(x), [(pads[i], pads[i + r]) for i in range(r)], constant_values=value)


def ref_pool(x, kernel, strides, pads, mode, ceil_mode=False):
    """mode 'max', 'avg' (count_include_pad = 0: padded cells are excluded) or 'avg_include'
    (count_include_pad = 1: padded cells count as zeros, every window divides by kh*kw).
    ceil_mode rounds the output size up; the windows that then run past the bottom or right
    edge see only the real cells (extra cells act as -inf for 'max')."""
    x = d(x)
    if ceil_mode:
        assert mode in ("max", "avg"), "ceil_mode with count_include_pad = 1 is not generated here"
        extra = []
        for axis in (0, 1):
            size = x.shape[2 + axis] + pads[axis] + pads[axis + 2]
            out = -(-(size - kernel[axis]) // strides[axis]) + 1  # ceil division
            extra.append(max(0, (out - 1) * strides[axis] + kernel[axis] - size))
        pads = (pads[0], pads[1], pads[2] + extra[0], pads[3] + extra[1])
    fill = {"max": -np.inf, "avg": np.nan, "avg_include": 0.0}[mode]
    x = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])), constant_values=fill)
    n, c, h, w = x.shape
    kh, kw = kernel
    sh, sw = strides
    oh, ow = (h - kh) // sh + 1, (w - kw) // sw + 1
    y = np.zeros((n, c, oh, ow))
    for i in range(oh):
        for j in range(ow):
            win = x[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw].reshape(n, c, -1)
            if mode == "max":
                y[:, :, i, j] = win.max(axis=2)
            elif mode == "avg_include":
                y[:, :, i, j] = win.sum(axis=2) / (kh * kw)
            else:
                cnt = np.sum(~np.isnan(win), axis=2)
                y[:, :, i, j] = np.nansum(win, axis=2) / cnt
    return y


def ref_batchnorm(x, gamma, beta, mean, var, eps):
    sh = (1, -1, 1, 1)
    return (d(x) - d(mean).reshape(sh)) / np.sqrt(d(var).reshape(sh) + eps) * d(gamma).reshape(sh) \
        + d(beta).reshape(sh)


def ref_softmax(x):
    x = d(x)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def ref_log_softmax(x):
    x = d(x)
    s = x - x.max(axis=-1, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=-1, keepdims=True))


def ref_sigmoid(x):
    return 1.0 / (1.0 + np.exp(-d(x)))


def ref_hard_sigmoid(x, alpha, beta):
    return np.clip(alpha * d(x) + beta, 0.0, 1.0)


def ref_hard_swish(x):
    # ONNX HardSwish: x * max(0, min(1, x/6 + 1/2)).
    x = d(x)
    return x * np.clip(x / 6.0 + 0.5, 0.0, 1.0)


def ref_leaky_relu(x, alpha):
    x = d(x)
    return np.where(x >= 0.0, x, alpha * x)


def ref_prelu(x, slope):
    """PRelu with the slope broadcast against x (numpy rules, as ONNX's unidirectional broadcast)."""
    x = d(x)
    return np.where(x >= 0.0, x, d(slope) * x)


# ---------------------------------------------------------------------------
# Positive fixtures. Each builder returns (model, reference_fn, input_scale[, prep_fn]),
# where prep_fn(x, sample_index) may adjust a sampled input before it is used.
# input_scale s draws inputs uniformly from [-s, s]; a pair (lo, hi) draws them from [lo, hi)
# (used for inputs that are non-negative by nature, such as pixel values).
# ---------------------------------------------------------------------------

POSITIVE = []  # (name, opset, builder)


def fixture(name, opset):
    def register(fn):
        POSITIVE.append((name, opset, fn))
        return fn
    return register


def gemm_builder(name, opset, k, n, trans_b, alpha=None, beta=None, bias_shape="vector", doc=""):
    rng = rng_for(name)
    w = weight(rng, (n, k) if trans_b else (k, n), k)
    c = bias(rng, n)
    if bias_shape == "row":
        c = c.reshape(1, n)
    attrs = {"transB": trans_b}
    if alpha is not None:
        attrs["alpha"] = alpha
    if beta is not None:
        attrs["beta"] = beta
    node = helper.make_node("Gemm", ["input", "W", "B"], ["output"], name="gemm", **attrs)
    model = make_model(name, opset, [node], [1, k], [1, n], {"W": w, "B": c}, doc=doc)
    a = 1.0 if alpha is None else alpha
    bt = 1.0 if beta is None else beta
    return model, lambda x: ref_gemm(x, w, c, a, bt, 0, trans_b), 2.0


@fixture("gemm", 13)
def _gemm(name, opset):
    return gemm_builder(name, opset, 64, 10, 1, doc="Gemm 64->10, transB=1, bias [10]")


@fixture("gemm_opset11", 11)
def _gemm11(name, opset):
    return gemm_builder(name, opset, 16, 4, 1, doc="Gemm 16->4, transB=1, bias [4], opset 11")


@fixture("gemm_opset19", 19)
def _gemm19(name, opset):
    return gemm_builder(name, opset, 16, 4, 1, doc="Gemm 16->4, transB=1, bias [4], opset 19")


@fixture("gemm_opset28", 28)
def _gemm28(name, opset):
    return gemm_builder(name, opset, 16, 4, 1, doc="Gemm 16->4, transB=1, bias [4], opset 28 (IR 14)")


@fixture("gemm_constant", 13)
def _gemm_constant(name, opset):
    """Gemm whose W and B come from Constant nodes, as the TorchScript exporter writes weights."""
    rng = rng_for(name)
    w = weight(rng, (4, 16), 16)
    c = bias(rng, 4)
    nodes = [
        helper.make_node("Constant", [], ["W"], name="weights", value=numpy_helper.from_array(w, "W")),
        helper.make_node("Constant", [], ["B"], name="biases", value=numpy_helper.from_array(c, "B")),
        helper.make_node("Gemm", ["input", "W", "B"], ["output"], name="gemm", transB=1),
    ]
    model = make_model(name, opset, nodes, [1, 16], [1, 4], doc="Gemm 16->4, transB=1, W and B from Constant nodes")
    return model, lambda x: ref_gemm(x, w, c, 1.0, 1.0, 0, 1), 2.0


@fixture("shape_arithmetic", 13)
def _shape_arithmetic(name, opset):
    """x.view(x.size(0), -1) then a Linear, as TorchScript writes it: Shape -> Gather ->
    Unsqueeze -> Concat -> Reshape -> Gemm."""
    rng = rng_for(name)
    w = weight(rng, (4, 24), 24)
    c = bias(rng, 4)
    nodes = [
        helper.make_node("Shape", ["input"], ["shape"], name="shape"),
        helper.make_node("Gather", ["shape", "zero"], ["batch"], name="gather", axis=0),
        helper.make_node("Unsqueeze", ["batch", "axes"], ["batch_1d"], name="unsqueeze"),
        helper.make_node("Concat", ["batch_1d", "minus_one"], ["target"], name="concat", axis=0),
        helper.make_node("Reshape", ["input", "target"], ["flat"], name="view"),
        helper.make_node("Gemm", ["flat", "W", "B"], ["output"], name="linear", transB=1),
    ]
    inits = {"W": w, "B": c, "zero": np.array(0, dtype=np.int64), "axes": np.array([0], dtype=np.int64),
             "minus_one": np.array([-1], dtype=np.int64)}
    model = make_model(name, opset, nodes, [1, 2, 3, 4], [1, 4], inits,
                       doc="x.view(x.size(0), -1) then Gemm 24->4: Shape, Gather, Unsqueeze, Concat, Reshape, Gemm")
    return model, lambda x: ref_gemm(x.reshape(x.shape[0], -1), w, c, 1.0, 1.0, 0, 1), 2.0


@fixture("shape_arithmetic_ops", 13)
def _shape_arithmetic_ops(name, opset):
    """Shape arithmetic as exporters write it for a flatten computed from the dimensions and a
    bias built with ConstantOfShape: Shape -> Slice/Squeeze -> Gather -> Mul -> Sub -> Div ->
    Add -> Unsqueeze -> Concat -> Reshape -> Gemm, then Add of ConstantOfShape([1, 4]) = 0.5."""
    rng = rng_for(name)
    w = weight(rng, (4, 24), 24)
    c = bias(rng, 4)
    i64 = lambda v: np.array(v, dtype=np.int64)  # noqa: E731
    nodes = [
        helper.make_node("Shape", ["input"], ["shape"], name="shape"),
        helper.make_node("Slice", ["shape", "s0", "s1"], ["batch_1d"], name="slice_batch"),
        helper.make_node("Squeeze", ["batch_1d", "axes"], ["batch"], name="squeeze"),
        helper.make_node("Gather", ["shape", "two"], ["h"], name="gather_h", axis=0),
        helper.make_node("Gather", ["shape", "three"], ["w"], name="gather_w", axis=0),
        helper.make_node("Mul", ["h", "w"], ["hw"], name="mul"),
        helper.make_node("Sub", ["hw", "two"], ["hw_minus_2"], name="sub"),
        helper.make_node("Div", ["hw_minus_2", "two"], ["half"], name="div"),
        helper.make_node("Add", ["half", "half"], ["hw_back"], name="add_int"),
        helper.make_node("Add", ["hw_back", "two"], ["hw_again"], name="add_int2"),
        helper.make_node("Gather", ["shape", "one"], ["c"], name="gather_c", axis=0),
        helper.make_node("Mul", ["c", "hw_again"], ["features"], name="mul_features"),
        helper.make_node("Unsqueeze", ["batch", "axes"], ["batch_u"], name="unsqueeze_batch"),
        helper.make_node("Unsqueeze", ["features", "axes"], ["features_u"], name="unsqueeze_features"),
        helper.make_node("Concat", ["batch_u", "features_u"], ["target"], name="concat", axis=0),
        helper.make_node("Reshape", ["input", "target"], ["flat"], name="flatten"),
        helper.make_node("Gemm", ["flat", "W", "B"], ["logits"], name="linear", transB=1),
        helper.make_node("ConstantOfShape", ["bias_shape"], ["half_bias"], name="fill",
                         value=numpy_helper.from_array(np.array([0.5], dtype=F32))),
        helper.make_node("Add", ["logits", "half_bias"], ["output"], name="add_bias"),
    ]
    inits = {"W": w, "B": c, "s0": i64([0]), "s1": i64([1]), "axes": i64([0]), "one": i64(1), "two": i64(2),
             "three": i64(3), "bias_shape": i64([1, 4])}
    model = make_model(name, opset, nodes, [1, 2, 3, 4], [1, 4], inits,
                       doc="flatten computed by int64 arithmetic (Slice, Squeeze, Gather, Mul, Sub, Div, Add, "
                           "Unsqueeze, Concat), Gemm 24->4, plus a ConstantOfShape bias of 0.5")
    return model, lambda x: ref_gemm(x.reshape(x.shape[0], -1), w, c, 1.0, 1.0, 0, 1) + 0.5, 2.0


@fixture("transpose_nhwc_conv", 13)
def _transpose_nhwc_conv(name, opset):
    """A channels-last input as tf2onnx feeds it to a convolution: Transpose perm [0, 3, 1, 2] of
    the [1, 5, 5, 3] input, then Conv 3x3 pads 1 (W [4, 3, 3, 3], bias)."""
    rng = rng_for(name)
    w = weight(rng, (4, 3, 3, 3), 27)
    c = bias(rng, 4)
    nodes = [
        helper.make_node("Transpose", ["input"], ["nchw"], name="to_nchw", perm=[0, 3, 1, 2]),
        helper.make_node("Conv", ["nchw", "W", "B"], ["output"], name="conv", kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
    ]
    model = make_model(name, opset, nodes, [1, 5, 5, 3], [1, 4, 5, 5], {"W": w, "B": c},
                       doc="Transpose NHWC -> NCHW of the input, then Conv 3x3 pads 1")
    return model, lambda x: ref_conv2d(d(x).transpose(0, 3, 1, 2), w, c, pads=(1, 1, 1, 1)), 2.0


@fixture("gemm_transA0_transB0", 13)
def _gemm_nt(name, opset):
    return gemm_builder(name, opset, 20, 6, 0, alpha=0.5, beta=2.0, bias_shape="row",
                        doc="Gemm 20->6, transA=0, transB=0 (W is [K,N]), alpha=0.5, beta=2, C [1,6]")


@fixture("gemm_transA1", 13)
def _gemm_ta(name, opset):
    rng = rng_for(name)
    k, n = 8, 5
    w = weight(rng, (n, k), k)
    c = bias(rng, n)
    node = helper.make_node("Gemm", ["input", "W", "B"], ["output"], name="gemm", transA=1, transB=1)
    model = make_model(name, opset, [node], [k, 1], [1, n], {"W": w, "B": c},
                       doc="Gemm with transA=1: input is [8,1] (a column), output [1,5]; transB=1")
    return model, lambda x: ref_gemm(x, w, c, 1.0, 1.0, 1, 1), 2.0


@fixture("gemm_float_data", 13)
def _gemm_fd(name, opset):
    rng = rng_for(name)
    k, n = 12, 3
    w = weight(rng, (n, k), k)
    c = bias(rng, n)
    # Initializers stored in the repeated float_data field instead of raw_data.
    wt = helper.make_tensor("W", TensorProto.FLOAT, [n, k], w.flatten().tolist(), raw=False)
    ct = helper.make_tensor("B", TensorProto.FLOAT, [n], c.tolist(), raw=False)
    node = helper.make_node("Gemm", ["input", "W", "B"], ["output"], name="gemm", transB=1)
    model = make_model(name, opset, [node], [1, k], [1, n], {"W": wt, "B": ct},
                       doc="Gemm 12->3, transB=1; initializers use TensorProto.float_data, not raw_data")
    return model, lambda x: ref_gemm(x, w, c, 1.0, 1.0, 0, 1), 2.0


@fixture("matmul", 13)
def _matmul(name, opset):
    rng = rng_for(name)
    w = weight(rng, (16, 8), 16)
    node = helper.make_node("MatMul", ["input", "W"], ["output"], name="matmul")
    model = make_model(name, opset, [node], [1, 16], [1, 8], {"W": w}, doc="MatMul [1,16] x [16,8]")
    return model, lambda x: d(x) @ d(w), 2.0


@fixture("matmul_add", 13)
def _matmul_add(name, opset):
    rng = rng_for(name)
    w = weight(rng, (32, 16), 32)
    b = bias(rng, 16)
    nodes = [
        helper.make_node("MatMul", ["input", "W"], ["mm"], name="matmul"),
        helper.make_node("Add", ["mm", "B"], ["output"], name="bias_add"),
    ]
    model = make_model(name, opset, nodes, [1, 32], [1, 16], {"W": w, "B": b},
                       doc="MatMul [1,32] x [32,16] then Add bias [16] (broadcast)")
    return model, lambda x: d(x) @ d(w) + d(b), 2.0


@fixture("matmul_rows", 17)
def _matmul_rows(name, opset):
    rng = rng_for(name)
    w1, b1, w2 = weight(rng, (16, 8), 16), bias(rng, 8), weight(rng, (8, 4), 8)
    nodes = [
        helper.make_node("MatMul", ["input", "W1"], ["mm1"], name="matmul_rows"),
        helper.make_node("Add", ["mm1", "B1"], ["h"], name="bias_add"),
        helper.make_node("Relu", ["h"], ["r"], name="relu"),
        helper.make_node("MatMul", ["r", "W2"], ["output"], name="matmul_rows_2"),
    ]
    model = make_model(name, opset, nodes, [1, 5, 16], [1, 5, 4], {"W1": w1, "B1": b1, "W2": w2},
                       doc="MatMul of [1,5,16] rows by [16,8], bias, Relu, MatMul by [8,4]: the same weights on every row")
    return model, lambda x: np.maximum(d(x) @ d(w1) + d(b1), 0) @ d(w2), 2.0


@fixture("matmul_rows_broadcast_weight", 13)
def _matmul_rows_broadcast_weight(name, opset):
    rng = rng_for(name)
    w = weight(rng, (1, 12, 6), 12)
    node = helper.make_node("MatMul", ["input", "W"], ["output"], name="matmul")
    model = make_model(name, opset, [node], [1, 3, 12], [1, 3, 6], {"W": w},
                       doc="MatMul [1,3,12] x [1,12,6]: a right operand with a leading unit axis broadcasts")
    return model, lambda x: d(x) @ d(w), 2.0


@fixture("mul_scalar_gemm", 13)
def _mul_scalar_gemm(name, opset):
    """Pixel scaling x * (1/255) by a rank-0 initializer, then a Linear 16->4."""
    rng = rng_for(name)
    w = weight(rng, (4, 16), 16)
    c = bias(rng, 4)
    s = scalar(1.0 / 255.0)  # float32 0.003921569
    nodes = [
        helper.make_node("Mul", ["input", "scale"], ["scaled"], name="mul"),
        helper.make_node("Gemm", ["scaled", "W", "B"], ["output"], name="gemm", transB=1),
    ]
    model = make_model(name, opset, nodes, [1, 16], [1, 4], {"scale": s, "W": w, "B": c},
                       doc="Mul by a scalar (rank 0) initializer 1/255, then Gemm 16->4, transB=1; "
                           "inputs in [0, 255]")
    # Inputs are pixel-like values in [0, 255), so the scaled Gemm input is in [0, 1).
    return model, lambda x: ref_gemm(d(x) * float(s), w, c, 1.0, 1.0, 0, 1), (0.0, 255.0)


def conv_node(inputs, output, name, k, strides=(1, 1), pads=(0, 0, 0, 0), dilations=(1, 1), group=1):
    """A Conv node with every attribute written out, as conv_builder writes it."""
    return helper.make_node("Conv", inputs, [output], name=name, kernel_shape=list(k), strides=list(strides),
                            pads=list(pads), dilations=list(dilations), group=group)


def conv_builder(name, opset, cin, cout, hw, k, strides, pads, with_bias, doc, dilations=(1, 1), group=1):
    rng = rng_for(name)
    kh, kw = k
    w = weight(rng, (cout, cin // group, kh, kw), cin // group * kh * kw)
    b = bias(rng, cout) if with_bias else None
    h, wd = hw
    oh = (h + pads[0] + pads[2] - ((kh - 1) * dilations[0] + 1)) // strides[0] + 1
    ow = (wd + pads[1] + pads[3] - ((kw - 1) * dilations[1] + 1)) // strides[1] + 1
    inputs = ["input", "W"] + (["B"] if with_bias else [])
    node = conv_node(inputs, "output", "conv", k, strides, pads, dilations, group)
    inits = {"W": w}
    if with_bias:
        inits["B"] = b
    model = make_model(name, opset, [node], [1, cin, h, wd], [1, cout, oh, ow], inits, doc=doc)
    return model, lambda x: ref_conv2d(x, w, b, strides, pads, dilations, group), 2.0


@fixture("conv3x3", 13)
def _conv3x3(name, opset):
    return conv_builder(name, opset, 1, 4, (8, 8), (3, 3), (1, 1), (1, 1, 1, 1), True,
                        "Conv 1->4, 3x3, stride 1, pads 1, bias")


@fixture("conv_stride2", 13)
def _conv_s2(name, opset):
    return conv_builder(name, opset, 3, 8, (9, 9), (3, 3), (2, 2), (1, 1, 1, 1), False,
                        "Conv 3->8, 3x3, stride 2, pads 1, no bias")


@fixture("conv5x5_valid", 13)
def _conv5(name, opset):
    return conv_builder(name, opset, 1, 6, (12, 12), (5, 5), (1, 1), (0, 0, 0, 0), False,
                        "Conv 1->6, 5x5, stride 1, no padding, no bias")


@fixture("conv_rect", 13)
def _conv_rect(name, opset):
    return conv_builder(name, opset, 2, 3, (7, 6), (3, 2), (2, 1), (1, 0, 0, 1), True,
                        "Conv 2->3, kernel 3x2, strides [2,1], asymmetric pads [1,0,0,1], bias")


@fixture("conv_dilated", 13)
def _conv_dilated(name, opset):
    return conv_builder(name, opset, 3, 4, (8, 8), (3, 3), (1, 1), (2, 2, 2, 2), True,
                        "Conv 3->4, 3x3, dilations [2,2] (5x5 receptive field), pads 2, bias", dilations=(2, 2))


@fixture("conv_depthwise", 13)
def _conv_depthwise(name, opset):
    return conv_builder(name, opset, 4, 4, (6, 6), (3, 3), (1, 1), (1, 1, 1, 1), True,
                        "Depthwise Conv: group=4, W [4,1,3,3], pads 1, bias, on [1,4,6,6]", group=4)


@fixture("conv_opset11", 11)
def _conv11(name, opset):
    return conv_builder(name, opset, 2, 3, (6, 6), (3, 3), (1, 1), (1, 1, 1, 1), True,
                        "Conv 2->3, 3x3, stride 1, pads 1, bias, opset 11")


@fixture("conv_opset19", 19)
def _conv19(name, opset):
    return conv_builder(name, opset, 2, 3, (6, 6), (3, 3), (1, 1), (1, 1, 1, 1), True,
                        "Conv 2->3, 3x3, stride 1, pads 1, bias, opset 19")


@fixture("conv_opset28", 28)
def _conv28(name, opset):
    return conv_builder(name, opset, 2, 3, (6, 6), (3, 3), (1, 1), (1, 1, 1, 1), True,
                        "Conv 2->3, 3x3, stride 1, pads 1, bias, opset 28 (IR 14)")


@fixture("pad_conv", 13)
def _pad_conv(name, opset):
    """Explicit Pad node (as some exporters write padding) in front of an unpadded Conv."""
    rng = rng_for(name)
    w = weight(rng, (4, 3, 3, 3), 27)
    b = bias(rng, 4)
    pads = np.array([0, 0, 1, 1, 0, 0, 1, 1], dtype=np.int64)
    nodes = [
        helper.make_node("Pad", ["input", "pads"], ["padded"], name="pad", mode="constant"),
        conv_node(["padded", "W", "B"], "output", "conv", (3, 3)),
    ]
    model = make_model(name, opset, nodes, [1, 3, 6, 6], [1, 4, 6, 6], {"pads": pads, "W": w, "B": b},
                       doc="Pad (constant, pads initializer [0,0,1,1,0,0,1,1], constant_value omitted = 0) "
                           "then Conv 3->4, 3x3, no padding, bias")
    return model, lambda x: ref_conv2d(ref_pad(x, pads), w, b), 2.0


IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]


def normalize_conv_builder(name, opset, conv_pads, doc):
    """(x - mean) / std per channel, then a 3x3 Conv. With padding, the Conv pads the *normalised*
    tensor with zeros, which is not the same as padding the raw input (folding the normalisation
    into the Conv weights is only exact without padding)."""
    rng = rng_for(name)
    w = weight(rng, (4, 3, 3, 3), 27)
    b = bias(rng, 4)
    mean = np.array(IMAGENET_MEAN, dtype=F32).reshape(1, 3, 1, 1)
    std = np.array(IMAGENET_STD, dtype=F32).reshape(1, 3, 1, 1)
    nodes = [
        helper.make_node("Sub", ["input", "mean"], ["centered"], name="sub_mean"),
        helper.make_node("Div", ["centered", "std"], ["normalized"], name="div_std"),
        conv_node(["normalized", "W", "B"], "output", "conv", (3, 3), pads=conv_pads),
    ]
    out_hw = 6 + conv_pads[0] + conv_pads[2] - 2
    model = make_model(name, opset, nodes, [1, 3, 6, 6], [1, 4, out_hw, out_hw],
                       {"mean": mean, "std": std, "W": w, "B": b}, doc=doc)
    # Image-like inputs in [0, 1), as the normalisation expects.
    return model, lambda x: ref_conv2d((d(x) - d(mean)) / d(std), w, b, pads=conv_pads), (0.0, 1.0)


@fixture("normalize_conv", 13)
def _normalize_conv(name, opset):
    return normalize_conv_builder(name, opset, (0, 0, 0, 0),
                                  "Sub per-channel mean [1,3,1,1], Div per-channel std [1,3,1,1], then "
                                  "Conv 3->4, 3x3, no padding, bias; inputs in [0, 1]")


@fixture("normalize_conv_padded", 13)
def _normalize_conv_padded(name, opset):
    return normalize_conv_builder(name, opset, (1, 1, 1, 1),
                                  "Sub per-channel mean [1,3,1,1], Div per-channel std [1,3,1,1], then "
                                  "Conv 3->4, 3x3, pads 1 (zeros in the normalised tensor), bias; "
                                  "inputs in [0, 1]")


@fixture("concat_channels", 13)
def _concat_channels(name, opset):
    """Two branches reading the same input (1x1 and 3x3 Conv), concatenated along channels."""
    rng = rng_for(name)
    w1 = weight(rng, (3, 2, 1, 1), 2)
    b1 = bias(rng, 3)
    w3 = weight(rng, (5, 2, 3, 3), 18)
    b3 = bias(rng, 5)
    nodes = [
        conv_node(["input", "W1", "B1"], "branch1x1", "conv1x1", (1, 1)),
        conv_node(["input", "W3", "B3"], "branch3x3", "conv3x3", (3, 3), pads=(1, 1, 1, 1)),
        helper.make_node("Concat", ["branch1x1", "branch3x3"], ["output"], name="concat", axis=1),
    ]
    model = make_model(name, opset, nodes, [1, 2, 4, 4], [1, 8, 4, 4],
                       {"W1": w1, "B1": b1, "W3": w3, "B3": b3},
                       doc="Conv 1x1 (2->3) and Conv 3x3 pads 1 (2->5) on the same input, Concat axis=1")
    return model, lambda x: np.concatenate(
        [ref_conv2d(x, w1, b1), ref_conv2d(x, w3, b3, pads=(1, 1, 1, 1))], axis=1), 2.0


def unary_builder(name, opset, op, shape, fn, doc, scale=2.0, **attrs):
    node = helper.make_node(op, ["input"], ["output"], name=op.lower(), **attrs)
    return make_model(name, opset, [node], shape, shape, doc=doc), fn, scale


@fixture("relu", 13)
def _relu(name, opset):
    return unary_builder(name, opset, "Relu", [1, 4, 4, 4], lambda x: np.maximum(d(x), 0.0),
                         "Relu on [1,4,4,4]")


@fixture("sigmoid", 13)
def _sigmoid(name, opset):
    return unary_builder(name, opset, "Sigmoid", [1, 16], ref_sigmoid, "Sigmoid on [1,16]")


@fixture("tanh", 13)
def _tanh(name, opset):
    return unary_builder(name, opset, "Tanh", [1, 16], lambda x: np.tanh(d(x)), "Tanh on [1,16]")


def reach_both_clamps(x, sample):
    """HardSigmoid/HardSwish inputs in [-5, 5]: move the first two values into [-5, -3] and [3, 5], so
    that every sample reaches both flat parts (the 16 uniform draws alone do not always do)."""
    x[0, 0] = -F32(3.0) - np.abs(x[0, 0]) * F32(0.4)
    x[0, 1] = F32(3.0) + np.abs(x[0, 1]) * F32(0.4)
    return x


@fixture("hard_sigmoid", 13)
def _hard_sigmoid(name, opset):
    alpha, beta = 1.0 / 6.0, 0.5
    # ONNX stores alpha and beta as float32 attributes; use the same values in the reference.
    a, bt = float(F32(alpha)), float(F32(beta))
    model, fn, scale = unary_builder(name, opset, "HardSigmoid", [1, 16], lambda x: ref_hard_sigmoid(x, a, bt),
                                     "HardSigmoid alpha=1/6, beta=0.5 on [1,16]; inputs in [-5, 5]",
                                     scale=5.0, alpha=alpha, beta=beta)
    return model, fn, scale, reach_both_clamps


@fixture("hard_swish", 14)
def _hard_swish(name, opset):
    model, fn, scale = unary_builder(name, opset, "HardSwish", [1, 16], ref_hard_swish,
                                     "HardSwish on [1,16]; inputs in [-5, 5], opset 14", scale=5.0)
    return model, fn, scale, reach_both_clamps


@fixture("leaky_relu", 13)
def _leaky_relu(name, opset):
    alpha = 0.1
    # ONNX stores alpha as a float32 attribute; use the same value in the reference.
    a = float(F32(alpha))
    return unary_builder(name, opset, "LeakyRelu", [1, 16], lambda x: ref_leaky_relu(x, a),
                         "LeakyRelu alpha=0.1 on [1,16]", alpha=alpha)


@fixture("leaky_relu_default", 13)
def _leaky_relu_default(name, opset):
    # No alpha attribute: the ONNX default 0.01 applies.
    a = float(F32(0.01))
    return unary_builder(name, opset, "LeakyRelu", [1, 16], lambda x: ref_leaky_relu(x, a),
                         "LeakyRelu without an alpha attribute (ONNX default 0.01) on [1,16]")


@fixture("prelu_scalar", 13)
def _prelu_scalar(name, opset):
    slope = np.array([0.25], dtype=F32)
    node = helper.make_node("PRelu", ["input", "slope"], ["output"], name="prelu")
    model = make_model(name, opset, [node], [1, 4, 3, 3], [1, 4, 3, 3], {"slope": slope},
                       doc="PRelu with one slope for every channel: initializer of shape [1], value 0.25")
    return model, lambda x: ref_prelu(x, slope), 2.0


@fixture("prelu_per_channel", 13)
def _prelu_per_channel(name, opset):
    """nn.PReLU(4): one slope per channel, initializer of shape [4, 1, 1]."""
    rng = rng_for(name)
    slope = rng.uniform(0.05, 0.3, size=(4, 1, 1)).astype(F32)
    node = helper.make_node("PRelu", ["input", "slope"], ["output"], name="prelu")
    model = make_model(name, opset, [node], [1, 4, 3, 3], [1, 4, 3, 3], {"slope": slope},
                       doc="PRelu with a slope per channel: initializer of shape [4,1,1]")
    return model, lambda x: ref_prelu(x, slope), 2.0


@fixture("constant_folding", 13)
def _constant_folding(name, opset):
    """Weights computed from constants at run time: Transpose of a stored [24, 4] matrix, Mul by a
    scalar and Add of a constant offset, then the Gemm that reads them."""
    rng = rng_for(name)
    raw = weight(rng, (24, 4), 24)
    c = bias(rng, 4)
    nodes = [
        helper.make_node("Transpose", ["raw"], ["raw_t"], name="transpose_w", perm=[1, 0]),
        helper.make_node("Mul", ["raw_t", "scale"], ["scaled"], name="scale_w"),
        helper.make_node("Add", ["scaled", "offset"], ["W"], name="offset_w"),
        helper.make_node("Gemm", ["input", "W", "B"], ["output"], name="linear", transB=1),
    ]
    scale, offset = np.array(0.5, dtype=F32), np.array(0.01, dtype=F32)
    inits = {"raw": raw, "scale": scale, "offset": offset, "B": c}
    model = make_model(name, opset, nodes, [1, 24], [1, 4], inits,
                       doc="Gemm whose weight is Transpose(raw)*0.5 + 0.01, all constants")
    w = (d(raw).T * d(scale) + d(offset))
    return model, lambda x: ref_gemm(x, w, c, 1.0, 1.0, 0, 1), 2.0


@fixture("identity", 13)
def _identity(name, opset):
    return unary_builder(name, opset, "Identity", [1, 3, 2, 2], d, "Identity on [1,3,2,2]")


@fixture("softmax", 13)
def _softmax(name, opset):
    node = helper.make_node("Softmax", ["input"], ["output"], name="softmax", axis=-1)
    model = make_model(name, opset, [node], [1, 10], [1, 10], doc="Softmax axis=-1 on [1,10]")
    return model, ref_softmax, 2.0


@fixture("log_softmax", 13)
def _log_softmax(name, opset):
    node = helper.make_node("LogSoftmax", ["input"], ["output"], name="logsoftmax", axis=-1)
    model = make_model(name, opset, [node], [1, 10], [1, 10], doc="LogSoftmax axis=-1 on [1,10]")
    return model, ref_log_softmax, 2.0


def clip_builder(name, opset, doc):
    node = helper.make_node("Clip", ["input", "min", "max"], ["output"], name="clip")
    model = make_model(name, opset, [node], [1, 32], [1, 32],
                       {"min": scalar(0.0), "max": scalar(6.0)}, doc=doc)
    # Inputs in [-8, 8] so that both clamps are exercised.
    return model, lambda x: np.clip(d(x), 0.0, 6.0), 8.0


@fixture("clip_relu6", 13)
def _clip13(name, opset):
    return clip_builder(name, opset, "Clip (ReLU6): min=0, max=6 as scalar initializer inputs, opset 13")


@fixture("clip_opset11", 11)
def _clip11(name, opset):
    return clip_builder(name, opset, "Clip (ReLU6): min=0, max=6 as scalar initializer inputs, opset 11")


def pool_builder(name, opset, op, chw, kernel, strides, pads, doc, count_include_pad=0, ceil_mode=0):
    c, h, w = chw
    attrs = dict(kernel_shape=list(kernel), strides=list(strides), pads=list(pads))
    if op == "AveragePool":
        attrs["count_include_pad"] = count_include_pad
    if ceil_mode:
        attrs["ceil_mode"] = 1
    node = helper.make_node(op, ["input"], ["output"], name=op.lower(), **attrs)

    def out_size(size, axis):
        span = size + pads[axis] + pads[axis + 2] - kernel[axis]
        return (-(-span // strides[axis]) if ceil_mode else span // strides[axis]) + 1
    model = make_model(name, opset, [node], [1, c, h, w], [1, c, out_size(h, 0), out_size(w, 1)], doc=doc)
    mode = "max" if op == "MaxPool" else ("avg_include" if count_include_pad else "avg")
    return model, lambda x: ref_pool(x, kernel, strides, pads, mode, bool(ceil_mode)), 2.0


@fixture("maxpool2x2", 13)
def _mp2(name, opset):
    return pool_builder(name, opset, "MaxPool", (4, 8, 8), (2, 2), (2, 2), (0, 0, 0, 0),
                        "MaxPool 2x2, stride 2 on [1,4,8,8]")


@fixture("maxpool3x3_stride2_pad1", 12)
def _mp3(name, opset):
    model, fn, scale = pool_builder(name, opset, "MaxPool", (4, 8, 8), (3, 3), (2, 2), (1, 1, 1, 1),
                                    "MaxPool 3x3, stride 2, pads 1 on [1,4,8,8] (padding acts as -inf, "
                                    "so all-negative border windows stay negative), opset 12")

    def prep(x, sample):
        # Make the top-left window of channel 0 all-negative in every sample, so an importer
        # that pads MaxPool with 0 instead of -inf produces a visibly wrong output[0,0,0,0].
        x[0, 0, :2, :2] = -np.abs(x[0, 0, :2, :2]) - F32(0.25)
        return x
    return model, fn, scale, prep


@fixture("maxpool3x3_s2_ceil", 13)
def _mp3_ceil(name, opset):
    model, fn, scale = pool_builder(name, opset, "MaxPool", (2, 8, 8), (3, 3), (2, 2), (0, 0, 0, 0),
                                    "MaxPool 3x3, stride 2, no pads, ceil_mode=1 on [1,2,8,8]: output "
                                    "[1,2,4,4] (floor would give 3x3); the last row and column of windows "
                                    "hang over the edge and see only 2 of their 3 rows/columns",
                                    ceil_mode=1)

    def prep(x, sample):
        # The bottom-right window of channel 0 covers only rows/cols 6..7: make those cells
        # negative, so treating the overhang as 0 instead of -inf gives a wrong output[0,0,3,3].
        x[0, 0, 6:, 6:] = -np.abs(x[0, 0, 6:, 6:]) - F32(0.25)
        return x
    return model, fn, scale, prep


@fixture("averagepool2x2", 13)
def _ap2(name, opset):
    return pool_builder(name, opset, "AveragePool", (4, 8, 8), (2, 2), (2, 2), (0, 0, 0, 0),
                        "AveragePool 2x2, stride 2 on [1,4,8,8], count_include_pad=0")


@fixture("averagepool3x3_pad1", 19)
def _ap3(name, opset):
    return pool_builder(name, opset, "AveragePool", (4, 8, 8), (3, 3), (1, 1), (1, 1, 1, 1),
                        "AveragePool 3x3, stride 1, pads 1, count_include_pad=0 on [1,4,8,8] "
                        "(border windows divide by 4 or 6, not 9), opset 19")


@fixture("averagepool3x3_s1_pad1_include", 13)
def _ap3_include(name, opset):
    return pool_builder(name, opset, "AveragePool", (3, 6, 6), (3, 3), (1, 1), (1, 1, 1, 1),
                        "AveragePool 3x3, stride 1, pads 1, count_include_pad=1 on [1,3,6,6] "
                        "(padded cells count as zeros: every window divides by 9)", count_include_pad=1)


@fixture("averagepool3x3_s2_ceil", 17)
def _ap3_ceil(name, opset):
    return pool_builder(name, opset, "AveragePool", (3, 7, 7), (3, 3), (2, 2), (1, 1, 1, 1),
                        "AveragePool 3x3, stride 2, pads 1, ceil_mode=1, count_include_pad=0 on [1,3,7,7] "
                        "(the extra last window and the padded borders divide by their in-image elements only)",
                        ceil_mode=1)


@fixture("conv_group_3_per_group", 13)
def _conv_group_3(name, opset):
    return conv_builder(name, opset, 6, 6, (5, 5), (3, 3), (1, 1), (1, 1, 1, 1), True,
                        "Grouped Conv: group=2 with 3 input and 3 output channels per group, on [1,6,5,5] "
                        "(imports; the prover needs powers of two per group)", group=2)


@fixture("global_average_pool", 13)
def _gap(name, opset):
    node = helper.make_node("GlobalAveragePool", ["input"], ["output"], name="gap")
    model = make_model(name, opset, [node], [1, 8, 5, 5], [1, 8, 1, 1], doc="GlobalAveragePool on [1,8,5,5]")
    return model, lambda x: d(x).mean(axis=(2, 3), keepdims=True), 2.0


@fixture("reduce_mean_spatial", 18)
def _reduce_mean_spatial(name, opset):
    # From opset 18 on, ReduceMean takes axes as an input instead of an attribute.
    node = helper.make_node("ReduceMean", ["input", "axes"], ["output"], name="reducemean", keepdims=1)
    model = make_model(name, opset, [node], [1, 4, 5, 5], [1, 4, 1, 1],
                       {"axes": np.array([2, 3], dtype=np.int64)},
                       doc="ReduceMean over axes [2,3] (int64 initializer input), keepdims=1, on [1,4,5,5], "
                           "opset 18")
    return model, lambda x: d(x).sum(axis=(2, 3), keepdims=True) / 25.0, 2.0


@fixture("flatten", 13)
def _flatten(name, opset):
    node = helper.make_node("Flatten", ["input"], ["output"], name="flatten", axis=1)
    model = make_model(name, opset, [node], [1, 2, 3, 4], [1, 24], doc="Flatten axis=1: [1,2,3,4] -> [1,24]")
    return model, lambda x: d(x).reshape(1, 24), 2.0


@fixture("flatten_axis2", 13)
def _flatten2(name, opset):
    node = helper.make_node("Flatten", ["input"], ["output"], name="flatten", axis=2)
    model = make_model(name, opset, [node], [1, 2, 3, 4], [2, 12], doc="Flatten axis=2: [1,2,3,4] -> [2,12]")
    return model, lambda x: d(x).reshape(2, 12), 2.0


def reshape_builder(name, opset, target, out_shape, doc):
    node = helper.make_node("Reshape", ["input", "shape"], ["output"], name="reshape")
    model = make_model(name, opset, [node], [1, 2, 3, 4], out_shape,
                       {"shape": np.array(target, dtype=np.int64)}, doc=doc)
    return model, lambda x: d(x).reshape(out_shape), 2.0


@fixture("reshape", 13)
def _reshape(name, opset):
    return reshape_builder(name, opset, [1, -1], [1, 24], "Reshape [1,2,3,4] with shape initializer [1,-1]")


@fixture("reshape_zero", 14)
def _reshape0(name, opset):
    return reshape_builder(name, opset, [0, 24], [1, 24],
                           "Reshape [1,2,3,4] with shape initializer [0,24] (0 copies the input dim; "
                           "allowzero absent = 0), opset 14")


@fixture("transpose_flatten_gemm", 13)
def _transpose_flatten_gemm(name, opset):
    """NCHW -> NHWC Transpose before flattening (as TensorFlow/Keras exports write it), then a Linear."""
    rng = rng_for(name)
    w = weight(rng, (5, 48), 48)
    c = bias(rng, 5)
    nodes = [
        helper.make_node("Transpose", ["input"], ["nhwc"], name="transpose", perm=[0, 2, 3, 1]),
        helper.make_node("Reshape", ["nhwc", "shape"], ["flat"], name="reshape"),
        helper.make_node("Gemm", ["flat", "W", "B"], ["output"], name="gemm", transB=1),
    ]
    model = make_model(name, opset, nodes, [1, 3, 4, 4], [1, 5],
                       {"shape": np.array([1, 48], dtype=np.int64), "W": w, "B": c},
                       doc="Transpose perm [0,2,3,1] ([1,3,4,4] -> [1,4,4,3]), Reshape to [1,48] "
                           "(shape initializer), Gemm 48->5, transB=1")
    return model, lambda x: ref_gemm(np.transpose(d(x), (0, 2, 3, 1)).reshape(1, 48), w, c, 1.0, 1.0, 0, 1), 2.0


@fixture("add_residual", 13)
def _add_res(name, opset):
    nodes = [
        helper.make_node("Identity", ["input"], ["branch"], name="identity"),
        helper.make_node("Add", ["input", "branch"], ["output"], name="residual_add"),
    ]
    model = make_model(name, opset, nodes, [1, 4, 3, 3], [1, 4, 3, 3],
                       doc="Residual Add of two same-shape activations: input + Identity(input)")
    return model, lambda x: d(x) + d(x), 2.0


@fixture("split_add", 13)
def _split_add(name, opset):
    """torch.split(x, [4, 4], dim=1) then the halves added: Split (sizes as an int64 input), Add."""
    nodes = [
        helper.make_node("Split", ["input", "sizes"], ["first", "second"], name="split", axis=1),
        helper.make_node("Add", ["first", "second"], ["output"], name="add_halves"),
    ]
    model = make_model(name, opset, nodes, [1, 8, 3, 3], [1, 4, 3, 3], {"sizes": np.array([4, 4], dtype=np.int64)},
                       doc="Split of [1,8,3,3] along channels into 4 + 4, then Add of the two halves")
    return model, lambda x: d(x)[:, :4] + d(x)[:, 4:], 2.0


@fixture("slice_channels", 13)
def _slice_channels(name, opset):
    """x[:, 2:6] as PyTorch exports it: Slice with starts, ends and axes as int64 inputs."""
    nodes = [helper.make_node("Slice", ["input", "starts", "ends", "axes"], ["output"], name="slice")]
    inits = {"starts": np.array([2], dtype=np.int64), "ends": np.array([6], dtype=np.int64), "axes": np.array([1], dtype=np.int64)}
    model = make_model(name, opset, nodes, [1, 8, 3, 3], [1, 4, 3, 3], inits, doc="Slice of channels 2..5 of [1,8,3,3]")
    return model, lambda x: d(x)[:, 2:6], 2.0


@fixture("add_const", 13)
def _add_const(name, opset):
    rng = rng_for(name)
    c = rng.uniform(-1.0, 1.0, size=(1, 4, 3, 3)).astype(F32)
    node = helper.make_node("Add", ["input", "C"], ["output"], name="add")
    model = make_model(name, opset, [node], [1, 4, 3, 3], [1, 4, 3, 3], {"C": c},
                       doc="Add of input and a same-shape constant initializer [1,4,3,3]")
    return model, lambda x: d(x) + d(c), 2.0


@fixture("batchnorm", 15)
def _bn(name, opset):
    rng = rng_for(name)
    ch = 3
    gamma = rng.uniform(0.5, 1.5, size=ch).astype(F32)
    beta = rng.uniform(-0.5, 0.5, size=ch).astype(F32)
    mean = rng.uniform(-0.5, 0.5, size=ch).astype(F32)
    var = rng.uniform(0.5, 2.0, size=ch).astype(F32)
    var[0] = F32(0.02)  # small variance so that epsilon visibly matters (about 2.4 %)
    gamma[0] = F32(0.3)
    eps = 1e-3
    node = helper.make_node("BatchNormalization", ["input", "scale", "bias", "mean", "var"], ["output"],
                            name="bn", epsilon=eps)
    model = make_model(name, opset, [node], [1, ch, 4, 4], [1, ch, 4, 4],
                       {"scale": gamma, "bias": beta, "mean": mean, "var": var},
                       doc="BatchNormalization (inference), epsilon=1e-3, on [1,3,4,4], opset 15")
    # ONNX stores epsilon as a float32 attribute; use the same value in the reference.
    return model, lambda x: ref_batchnorm(x, gamma, beta, mean, var, float(F32(eps))), 2.0


@fixture("dropout", 13)
def _dropout(name, opset):
    node = helper.make_node("Dropout", ["input", "ratio"], ["output"], name="dropout")
    model = make_model(name, opset, [node], [1, 16], [1, 16], {"ratio": scalar(0.5)},
                       doc="Dropout with ratio=0.5 as an initializer input, training_mode absent "
                           "(inference: identity)")
    return model, d, 2.0


# ---------------------------------------------------------------------------
# Negative fixtures: (name, builder returning bytes, checker policy, ort policy)
# ---------------------------------------------------------------------------

def bad_unsupported_op():
    rng = rng_for("bad_unsupported_op")
    w = weight(rng, (8, 4), 8)
    node = helper.make_node("Einsum", ["input", "W"], ["output"], name="einsum", equation="ij,jk->ik")
    m = make_model("bad_unsupported_op", 13, [node], [1, 8], [1, 4], {"W": w},
                   doc="Einsum is not in zkinfer's operator set")
    onnx.checker.check_model(m, full_check=True)
    return m.SerializeToString()


def bad_conv_group2():
    rng = rng_for("bad_conv_group2")
    w = weight(rng, (4, 2, 3, 3), 18)
    node = helper.make_node("Conv", ["input", "W"], ["output"], name="conv", kernel_shape=[3, 3],
                            pads=[1, 1, 1, 1], group=2)
    m = make_model("bad_conv_group2", 13, [node], [1, 4, 6, 6], [1, 4, 6, 6], {"W": w},
                   doc="Grouped convolution (group=2) is unsupported")
    onnx.checker.check_model(m, full_check=True)
    return m.SerializeToString()


def bad_cycle():
    # a = Add(input, b); b = Relu(a); output = Identity(a). Not a DAG; checker skipped.
    nodes = [
        helper.make_node("Add", ["input", "b"], ["a"], name="add"),
        helper.make_node("Relu", ["a"], ["b"], name="relu"),
        helper.make_node("Identity", ["a"], ["output"], name="identity"),
    ]
    m = make_model("bad_cycle", 13, nodes, [1, 4], [1, 4], doc="Nodes add and relu feed each other")
    return m.SerializeToString()


def bad_missing_initializer():
    rng = rng_for("bad_missing_initializer")
    node = helper.make_node("Gemm", ["input", "fc.weight", "fc.bias"], ["output"], name="gemm", transB=1)
    m = make_model("bad_missing_initializer", 13, [node], [1, 8], [1, 4], {"fc.bias": bias(rng, 4)},
                   doc="Gemm refers to 'fc.weight', which is neither an initializer, input nor node output")
    return m.SerializeToString()


def bad_shape_mismatch():
    rng = rng_for("bad_shape_mismatch")
    w = weight(rng, (10, 32), 32)  # transB=1: inner dimension 32, but the input has 64 features
    node = helper.make_node("Gemm", ["input", "W", "B"], ["output"], name="gemm", transB=1)
    m = make_model("bad_shape_mismatch", 13, [node], [1, 64], [1, 10], {"W": w, "B": bias(rng, 10)},
                   doc="Gemm input [1,64] against weight [10,32] with transB=1: K mismatch 64 vs 32")
    onnx.checker.check_model(m, full_check=False)  # structurally valid
    try:
        onnx.checker.check_model(m, full_check=True)  # strict shape inference must object
    except Exception:  # noqa: BLE001
        pass
    else:
        raise AssertionError("full_check unexpectedly accepted bad_shape_mismatch")
    return m.SerializeToString()


def bad_huge_dims():
    huge = 1 << 40
    w = TensorProto()
    w.name = "W"
    w.data_type = TensorProto.FLOAT
    w.dims.extend([huge, 1])  # 2^40 floats = 4 TiB declared, zero bytes of data
    node = helper.make_node("MatMul", ["input", "W"], ["output"], name="matmul")
    m = make_model("bad_huge_dims", 13, [node], [1, huge], [1, 1], {"W": w},
                   doc="Input [1,2^40] and initializer W [2^40,1] with no data: a memory bomb")
    return m.SerializeToString()


def bad_truncated():
    data = (OUT_DIR / "gemm.onnx").read_bytes()
    return data[:100]


def bad_random_bytes():
    return rng_for("bad_random_bytes").integers(0, 256, size=1000, dtype=np.uint8).tobytes()


def bad_dynamic_reshape():
    shape_in = helper.make_tensor_value_info("shape", TensorProto.INT64, [2])
    node = helper.make_node("Reshape", ["input", "shape"], ["output"], name="reshape")
    m = make_model("bad_dynamic_reshape", 13, [node], [1, 2, 3, 4], [1, 24], extra_inputs=[shape_in],
                   doc="Reshape target shape is a second graph input, not a constant initializer")
    onnx.checker.check_model(m, full_check=True)
    return m.SerializeToString()


NEGATIVE = [
    ("bad_unsupported_op", bad_unsupported_op),
    ("bad_conv_group2", bad_conv_group2),
    ("bad_cycle", bad_cycle),
    ("bad_missing_initializer", bad_missing_initializer),
    ("bad_shape_mismatch", bad_shape_mismatch),
    ("bad_huge_dims", bad_huge_dims),
    ("bad_truncated", bad_truncated),
    ("bad_random_bytes", bad_random_bytes),
    ("bad_dynamic_reshape", bad_dynamic_reshape),
]

# Loading these in onnxruntime is pointless or risky (bad_huge_dims declares 4 TiB).
ORT_PROBE_SKIP = {"bad_huge_dims"}


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------

def ort_session(model_bytes):
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    so.log_severity_level = 3
    return ort.InferenceSession(model_bytes, sess_options=so, providers=["CPUExecutionProvider"])


def fmt_f32(v):
    v = np.float32(v)
    if not np.isfinite(v):
        raise ValueError("non-finite value in reference data")
    return str(v)  # shortest repr that round-trips to the same float32


def fmt_list(values):
    return "[" + ", ".join(fmt_f32(v) for v in np.asarray(values, dtype=F32).ravel()) + "]"


def write_reference(path, ref):
    lines = ["{"]
    names = list(ref)
    for idx, name in enumerate(names):
        e = ref[name]
        lines.append(f'  "{name}": {{')
        lines.append(f'    "opset": {e["opset"]},')
        lines.append(f'    "ops": {json.dumps(e["ops"])},')
        lines.append(f'    "input_shape": {json.dumps(e["input_shape"])},')
        lines.append(f'    "output_shape": {json.dumps(e["output_shape"])},')
        lines.append('    "inputs": [')
        lines.append(",\n".join("      " + fmt_list(s) for s in e["inputs"]))
        lines.append('    ],')
        lines.append('    "outputs": [')
        lines.append(",\n".join("      " + fmt_list(s) for s in e["outputs"]))
        lines.append('    ]')
        lines.append("  }" + ("," if idx + 1 < len(names) else ""))
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def verify_reference_roundtrip(path, ref):
    loaded = json.loads(path.read_text(encoding="utf-8"))
    assert list(loaded) == list(ref)
    for name, e in ref.items():
        for key in ("inputs", "outputs"):
            for want, got in zip(e[key], loaded[name][key]):
                want = np.asarray(want, dtype=F32).ravel()
                got = np.asarray(got, dtype=np.float64).astype(F32)
                assert want.shape == got.shape, (name, key)
                assert np.array_equal(want.view(np.uint32), got.view(np.uint32)), (name, key)


def main():
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, onnx {onnx.__version__}, "
          f"onnxruntime {ort.__version__}")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    ref = {}
    for name, opset, builder in POSITIVE:
        built = builder(name, opset)
        model, ref_fn, scale = built[:3]
        prep = built[3] if len(built) > 3 else (lambda x, sample: x)
        onnx.checker.check_model(model, full_check=True)
        assert model.opset_import[0].version == opset and model.ir_version == (IR_VERSION if opset < 22 else 14)
        data = model.SerializeToString()
        (OUT_DIR / f"{name}.onnx").write_bytes(data)

        in_info = model.graph.input[0].type.tensor_type.shape
        in_shape = [dim.dim_value for dim in in_info.dim]
        out_decl = [dim.dim_value for dim in model.graph.output[0].type.tensor_type.shape.dim]
        sess = ort_session(data)
        lo, hi = scale if isinstance(scale, tuple) else (-scale, scale)
        rng = rng_for(name + "/inputs")
        inputs, outputs, max_err = [], [], 0.0
        for sample in range(N_SAMPLES):
            x = prep(rng.uniform(lo, hi, size=in_shape).astype(F32), sample)
            if lo < 0:
                assert (x > 0).any() and (x < 0).any()
            else:  # non-negative inputs by design (pixel values): no sign check
                assert (x >= lo).all() and (x <= hi).all() and (x > lo).any()
            (y,) = sess.run(["output"], {"input": x})
            assert y.dtype == F32 and list(y.shape) == out_decl, (name, y.shape, out_decl)
            expected = ref_fn(x)
            assert expected.shape == y.shape, (name, expected.shape, y.shape)
            err = float(np.max(np.abs(expected - y.astype(np.float64))))
            assert err <= TOL, f"{name}: onnxruntime vs numpy max abs error {err:.3e} > {TOL}"
            max_err = max(max_err, err)
            inputs.append(x)
            outputs.append(y)
        ref[name] = {
            "opset": opset,
            "ops": [n.op_type for n in model.graph.node],
            "input_shape": in_shape,
            "output_shape": out_decl,
            "inputs": inputs,
            "outputs": outputs,
        }
        print(f"  {name:30s} opset {opset:2d}  {str(in_shape):16s} -> {str(out_decl):14s} "
              f"max |ort - numpy| = {max_err:.2e}")

    ref_path = OUT_DIR / "reference.json"
    write_reference(ref_path, ref)
    verify_reference_roundtrip(ref_path, ref)

    print("negative fixtures:")
    for name, builder in NEGATIVE:
        data = builder()
        (OUT_DIR / f"{name}.onnx").write_bytes(data)
        try:
            onnx.load_model_from_string(data)
            parse = "parses"
        except Exception as exc:  # noqa: BLE001
            parse = f"protobuf parse fails ({type(exc).__name__})"
        if name in ("bad_truncated", "bad_random_bytes"):
            assert parse.startswith("protobuf parse fails"), f"{name} unexpectedly parses"
        if name in ORT_PROBE_SKIP:
            ort_status = "not probed"
        else:
            try:
                ort_session(data)
                ort_status = "onnxruntime loads it"
            except Exception as exc:  # noqa: BLE001
                ort_status = "onnxruntime rejects: " + str(exc).splitlines()[0][:110]
        print(f"  {name:30s} {len(data):6d} bytes; {parse}; {ort_status}")


if __name__ == "__main__":
    main()
