extension LayerCompilation {
    /// The window's height and width in bits, for the windows the pooling protocols prove:
    /// power-of-two sized, equal to the stride, unpadded, tiling an NCHW input.
    func poolKernelBits(_ geometry: PoolGeometry) throws(CircuitCompilationError) -> (Int, Int) {
        guard inputLayout.shape == logicalInput, logicalInput.count == 4 else { throw unsupported("pooling needs an NCHW input") }
        let (kh, kw) = (geometry.kernelHeight, geometry.kernelWidth)
        guard kh.nonzeroBitCount == 1, kw.nonzeroBitCount == 1, geometry.strideHeight == kh, geometry.strideWidth == kw,
              geometry.padTop == 0, geometry.padLeft == 0, geometry.padBottom == 0, geometry.padRight == 0,
              logicalInput[2] % kh == 0, logicalInput[3] % kw == 0 else {
            let pads = [geometry.padTop, geometry.padLeft, geometry.padBottom, geometry.padRight]
            throw unsupported("pooling windows must be power-of-two sized, equal to the stride, unpadded and tile the input "
                              + "(kernel_shape [\(kh), \(kw)], strides [\(geometry.strideHeight), \(geometry.strideWidth)], "
                              + "pads \(pads), input \(logicalInput[2])×\(logicalInput[3]))")
        }
        return (kh.trailingZeroBitCount, kw.trailingZeroBitCount)
    }
}
