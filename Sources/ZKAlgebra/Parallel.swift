import Dispatch
import Foundation

/// Data-parallel loops over index ranges, used by the NTT, sumcheck and commitment kernels.
///
/// Work is split into one contiguous chunk per worker so each thread streams through its own
/// memory. `ZKINFER_THREADS` overrides the worker count (1 gives single-threaded runs).
@usableFromInline package enum Parallel {
    @usableFromInline package static let workerCount: Int = {
        if let text = ProcessInfo.processInfo.environment["ZKINFER_THREADS"], let n = Int(text), n >= 1 {
            return min(n, 256)
        }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()

    /// Calls `body` with disjoint subranges covering `0..<count`, concurrently when the work is
    /// large enough (`count >= 2 * minimumChunk`) and more than one worker is available.
    @usableFromInline package static func forEachChunk(
        count: Int, minimumChunk: Int = 1 << 12, _ body: (Range<Int>) -> Void
    ) {
        guard count > 0 else { return }
        let chunks = min(workerCount, max(1, count / max(1, minimumChunk)))
        if chunks <= 1 {
            body(0..<count)
            return
        }
        let chunkSize = (count + chunks - 1) / chunks
        // Callers hand disjoint ranges to memory they own for the duration of this call, which is
        // the invariant that makes sharing the non-Sendable closure across workers safe.
        nonisolated(unsafe) let work = body
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = chunk * chunkSize
            let end = min(count, start + chunkSize)
            if start < end { work(start..<end) }
        }
    }

    /// Maps each chunk to a partial result and returns them in chunk order (for reductions).
    @usableFromInline package static func mapChunks<T>(
        count: Int, minimumChunk: Int = 1 << 12, _ body: (Range<Int>) -> T
    ) -> [T] {
        guard count > 0 else { return [] }
        let chunks = min(workerCount, max(1, count / max(1, minimumChunk)))
        if chunks <= 1 { return [body(0..<count)] }
        let chunkSize = (count + chunks - 1) / chunks
        var results = [T?](repeating: nil, count: chunks)
        results.withUnsafeMutableBufferPointer { slots in
            // Each iteration writes only its own slot.
            nonisolated(unsafe) let slotsBase = slots.baseAddress!
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = chunk * chunkSize
                let end = min(count, start + chunkSize)
                (slotsBase + chunk).pointee = work(start..<max(start, end))
            }
        }
        return results.map { $0! }
    }
}
