#!/usr/bin/env python3
"""ONNX models whose weights live in a separate file (ONNX "external data", what PyTorch's
exporter writes as model.onnx.data for larger models), for zkinfer's importer tests.

From ../onnx/gemm.onnx (Gemm 64 -> 10), with the onnx package's own external-data writer:
  * gemm_external.onnx + gemm_external.onnx.data   the same model, every initializer outside
  * bad_parent.onnx        location "../onnx/gemm.onnx"          (leaves the folder)
  * bad_absolute.onnx      location "/etc/hostname"              (absolute path)
  * bad_missing.onnx       location "missing.onnx.data"          (no such file)
  * bad_length.onnx        the weight's length off by 4 bytes
  * bad_offset.onnx        the weight's offset beyond the end of the data file

Usage (from the repository root, in an environment with `pip install onnx`):
  python3 Tests/Fixtures/external_data/generate.py
"""
import copy
from pathlib import Path

import onnx
from onnx.external_data_helper import convert_model_to_external_data

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "onnx" / "gemm.onnx"


def set_entry(tensor, key, value):
    for entry in tensor.external_data:
        if entry.key == key:
            entry.value = value
            return
    tensor.external_data.add(key=key, value=value)


def main():
    model = onnx.load(str(SOURCE))
    convert_model_to_external_data(model, all_tensors_to_one_file=True, location="gemm_external.onnx.data",
                                   size_threshold=0)
    onnx.save_model(model, str(HERE / "gemm_external.onnx"))
    saved = onnx.load(str(HERE / "gemm_external.onnx"), load_external_data=False)
    variants = {
        "bad_parent": lambda t: set_entry(t, "location", "../onnx/gemm.onnx"),
        "bad_absolute": lambda t: set_entry(t, "location", "/etc/hostname"),
        "bad_missing": lambda t: set_entry(t, "location", "missing.onnx.data"),
        "bad_length": lambda t: set_entry(t, "length", str(int(dict((e.key, e.value) for e in t.external_data)["length"]) - 4)),
        "bad_offset": lambda t: set_entry(t, "offset", "1000000"),
    }
    for name, change in variants.items():
        variant = copy.deepcopy(saved)
        weight = next(t for t in variant.graph.initializer if t.name == "W")
        change(weight)
        with open(HERE / f"{name}.onnx", "wb") as handle:
            handle.write(variant.SerializeToString())
    print("wrote", sorted(p.name for p in HERE.iterdir() if p.suffix in (".onnx", ".data")))


if __name__ == "__main__":
    main()
