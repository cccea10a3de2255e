import Outputs
import RunModel

/// The colour of each series name across a report, so that a series keeps its colour in every
/// figure that names it: a model is the same colour in the ranking bars as in the recall curves.
///
/// Names are coloured in the order they first appear in the run (figure by figure, series by
/// series within a figure), each taking the first palette colour that no name already coloured
/// shares a figure with. Two series of one figure therefore differ in colour whenever the
/// palette has enough colours for every name they share figures with; when it has not, a name
/// takes the colour the fewest of those names hold (the first such colour on a tie). The result
/// depends only on the figures, so the same run is always coloured the same way.
///
/// Unnamed series are not coloured here: a figure gives them the first colour none of its named
/// series has (see ``ChartModel``).
public struct SeriesColours: Sendable, Hashable {
    private var styles: [String: Int] = [:]

    /// No names: every series is styled by its place in its figure.
    public init() {}

    /// Colours for the series names of `figures`, in order.
    /// - Complexity: O(n + p²) for n series in all and p pairs of names sharing a figure.
    public init(figures: some Sequence<Figure>) {
        var order: [String] = []
        var companions: [String: Set<String>] = [:]
        for figure in figures {
            let names = figure.seriesNames
            for name in names {
                if companions[name] == nil {
                    order.append(name)
                    companions[name] = []
                }
                companions[name, default: []].formUnion(names.filter { $0 != name })
            }
        }
        let paletteSize = ChartPalette.lightColors.count
        for name in order {
            var holders = [Int](repeating: 0, count: paletteSize)
            for companion in companions[name, default: []] {
                if let style = styles[companion] { holders[style] += 1 }
            }
            let fewest = holders.min() ?? 0
            styles[name] = holders.firstIndex(of: fewest) ?? 0
        }
    }

    /// Colours for every figure of `run`, in the order the run shows them.
    public init(run: NotebookRun) {
        self.init(figures: run.cells.lazy.flatMap { cell -> [Figure] in
            guard case .step(let step) = cell else { return [] }
            return step.outputs.compactMap { if case .figure(let figure) = $0 { figure } else { nil } }
        })
    }

    /// The palette style (colour) of the series called `name`; nil for a name no figure had,
    /// and for the empty name.
    public func style(of name: String) -> Int? {
        styles[name]
    }
}

extension Figure {
    /// The names of the figure's series that can carry a colour, once each, in the order the
    /// chart lists them: bars first, then the other marks in order. Empty names are left out.
    var seriesNames: [String] {
        var names: [String] = []
        for case .bars(let bars) in marks { names += bars.series.map(\.name) }
        for mark in marks {
            switch mark {
            case .histogram(let histogram): names.append(histogram.name)
            case .line(let series), .points(let series): names.append(series.name)
            case .bars, .rule, .heatmap: break
            }
        }
        var seen: Set<String> = []
        return names.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
