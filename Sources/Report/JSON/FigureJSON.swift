import Outputs
import RecbookSupport

/// A figure's data as JSON, in the shape ``JSONReportRenderer/schema`` documents: every mark
/// tagged with its `type`. Non-finite numbers become `null`.
enum FigureJSON {
    static func axis(_ axis: Axis) -> JSONValue {
        [
            "label": .string(axis.label), "scale": .string(axis.scale.rawValue), "includesZero": .bool(axis.includesZero),
            "format": .string(axis.format.rawValue), "categories": .array(axis.categories.map(JSONValue.string)),
        ]
    }

    static func mark(_ mark: Mark) -> JSONValue {
        switch mark {
        case .bars(let bars):
            return [
                "type": "bars",
                "categories": .array(bars.categories.map(JSONValue.string)),
                "series": .array(bars.series.map { ["name": .string($0.name), "values": numbers($0.values)] }),
            ]
        case .histogram(let histogram):
            return [
                "type": "histogram", "name": .string(histogram.name),
                "edges": numbers(histogram.edges), "counts": numbers(histogram.counts),
            ]
        case .line(let series):
            return self.series(series, type: "line")
        case .points(let series):
            return self.series(series, type: "points")
        case .rule(let rule):
            return [
                "type": "rule", "orientation": .string(rule.orientation.rawValue), "at": number(rule.at),
                "label": .string(rule.label),
            ]
        case .heatmap(let heatmap):
            return [
                "type": "heatmap", "name": .string(heatmap.name),
                "columns": .array(heatmap.columns.map(JSONValue.string)),
                "rows": .array(heatmap.rows.map(JSONValue.string)),
                "values": .array(heatmap.rows.indices.map { row in
                    .array(heatmap.columns.indices.map { column in
                        heatmap.value(row: row, column: column).map(JSONValue.double) ?? .null
                    })
                }),
            ]
        }
    }

    private static func series(_ series: Series, type: String) -> JSONValue {
        [
            "type": .string(type), "name": .string(series.name), "x": numbers(series.x), "y": numbers(series.y),
            "labels": .array(series.labels.map(JSONValue.string)), "dashed": .bool(series.dashed),
        ]
    }

    static func number(_ value: Double) -> JSONValue {
        value.isFinite ? .double(value) : .null
    }

    private static func numbers(_ values: [Double]) -> JSONValue {
        .array(values.map(number))
    }
}
