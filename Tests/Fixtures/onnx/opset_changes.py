#!/usr/bin/env python3
"""Print how each ONNX operator zkinfer imports changed between opset 19 and the newest opset the
installed `onnx` package defines: attributes, inputs and outputs (which would change semantics),
and the element types added (which do not matter for float32 models).

Usage (any environment with `pip install onnx`):  python3 Tests/Fixtures/onnx/opset_changes.py
"""
import onnx
import onnx.defs as defs

OPS = ["MaxPool", "AveragePool", "Relu", "Clip", "LeakyRelu", "Tanh", "Flatten", "Reshape", "GlobalAveragePool",
       "Gemm", "MatMul", "Sigmoid", "BatchNormalization", "Conv", "Add", "Identity", "Dropout", "Softmax"]


def signature(schema):
    attributes = {name: (a.type, a.required) for name, a in schema.attributes.items()}
    return attributes, [(i.name, i.option) for i in schema.inputs], [(o.name, o.option) for o in schema.outputs]


def main():
    newest = defs.onnx_opset_version()
    print(f"onnx {onnx.__version__}: newest opset {newest}")
    for op in OPS:
        old, new = defs.get_schema(op, 19), defs.get_schema(op, newest)
        same = signature(old) == signature(new)
        types = {t.type_param_str: set(t.allowed_type_strs) for t in old.type_constraints}
        added = sorted({s for t in new.type_constraints for s in t.allowed_type_strs} - set().union(*types.values()))
        print(f"{op:20} {old.since_version:>2} -> {new.since_version:>2}  "
              f"{'same attributes/inputs/outputs' if same else 'CHANGED: ' + repr(signature(new))}"
              f"{'; types added: ' + ', '.join(added) if added else ''}")


if __name__ == "__main__":
    main()
