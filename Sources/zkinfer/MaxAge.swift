import ArgumentParser

/// `--max-age DURATION`: a whole number followed by s, m, h or d (`90s`, `15m`, `24h`, `7d`).
struct MaxAge: ExpressibleByArgument, Equatable {
    let seconds: UInt64
    let text: String

    init?(argument: String) {
        let units: [Character: UInt64] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        guard let unit = argument.last, let multiplier = units[unit],
              let count = UInt64(argument.dropLast()), !argument.dropLast().contains("+") else { return nil }
        let (product, overflow) = count.multipliedReportingOverflow(by: multiplier)
        guard !overflow, product <= UInt64(Int64.max / 1000) else { return nil }
        seconds = product
        text = argument
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
