/// An int8 → int8 table (the table activations of `LayerKinds`, and a standalone ReLU or Clip):
/// every (x, y) pair is looked up in the layer's table.
enum LookupLayer {
    static func compile(_ c: inout LayerCompilation, table values: [Int8], function: String) throws(CircuitCompilationError) -> LayerPlan.Step {
        guard values.count == 256 else { throw c.unsupported("activation tables have 256 entries") }
        c.outputLayout = c.inputLayout
        return .lookup(table: c.table(.activation(function: function, table: values)), paddingOutput: Int64(values[128]))
    }

    static func lookupSegments(layer: Int, table: Int, logSize: Int, input: Int, output: Int) -> [LookupSegment] {
        [LookupSegment(table: table, logSize: logSize, source: .activation(layer: layer, input: input, output: output))]
    }
}
