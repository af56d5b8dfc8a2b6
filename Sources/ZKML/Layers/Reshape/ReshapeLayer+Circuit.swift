/// Flatten and Reshape: a relabelling; the output shares its input's storage and layout.
enum ReshapeLayer {
    static func compile(_ c: inout LayerCompilation) -> LayerPlan.Step {
        c.outputLayout = c.inputLayout
        return .alias
    }
}
