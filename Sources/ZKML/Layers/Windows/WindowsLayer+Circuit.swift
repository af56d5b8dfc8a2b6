/// Windows: gathers each pooling window into a power-of-two tile (`WindowTiles`), so that a
/// max-pool with padding, a stride other than its window, or a window of any size is proven as
/// this gather followed by the tiling MaxPool.
enum WindowsLayer {
    static func compile(_ c: inout LayerCompilation, geometry: PoolGeometry) throws(CircuitCompilationError) -> LayerPlan.Step {
        guard c.inputLayout.shape == c.logicalInput, c.logicalInput.count == 4,
              WindowTiles(geometry).outputShape(input: c.logicalInput) == c.outputLayout.shape else {
            throw c.unsupported("window gathering needs an NCHW input whose windows fit")
        }
        return .windows(geometry: geometry)
    }
}
