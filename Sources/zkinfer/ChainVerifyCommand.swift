import ArgumentParser
import Foundation
import ZKChain

extension ChainCommand {
    /// Full re-validation on demand. Opening a chain only re-validates the blocks after its
    /// latest checkpoint (restart cost independent of the chain's length); this replays every
    /// block from genesis, signatures included, and checks that it arrives at the same state.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-validate an embedded chain from genesis, every block and signature.",
            discussion: """
                Safe beside a running node (it only reads). Exit 0 when every block is valid and the \
                replayed state equals the stored one, 4 naming the first bad block otherwise.
                """)

        @Option(help: "Embedded chain directory (genesis.json, chain.sqlite).") var data: String
        @Flag(help: #"Print {"chain_id", "height", "tip", "checkpoint_height", "seconds"}."#) var json = false

        func run() throws {
            let embedded = try EmbeddedChain(directory: data)
            let clock = ContinuousClock()
            let start = clock.now
            let height: UInt64
            do {
                height = try embedded.chain.verifyFromGenesis()
            } catch {
                throw CLIError.chain("the chain in \(displayPath(data)) does not re-validate: \(terminalSafe(error.description)); "
                                     + "restore the directory from a healthy node")
            }
            let seconds = (clock.now - start) / .seconds(1)
            let state = embedded.chain.state
            if json {
                struct Result: Encodable {
                    var chain_id: String; var height: UInt64; var tip: String; var checkpoint_height: UInt64; var seconds: Double
                }
                try JSONOutput.print(Result(chain_id: embedded.genesis.hash.hex, height: height, tip: state.tipHash.hex,
                                            checkpoint_height: embedded.chain.loadedCheckpointHeight, seconds: seconds))
                return
            }
            print("verified \(height) blocks from genesis in \(String(format: "%.2f", seconds)) s: every signature and root matches")
            print("tip        \(state.tipHash.hex)")
            print("opened from the checkpoint at block \(embedded.chain.loadedCheckpointHeight)")
        }
    }
}
