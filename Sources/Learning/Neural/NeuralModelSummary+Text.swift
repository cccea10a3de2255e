import RecbookSupport

extension NeuralModelSummary {
    /// The summary as Keras 3 prints it to a console of `lineLength + 4` columns.
    ///
    /// Keras lays the table out with Rich: four columns at 30 %, 56 % and 74 % of the line,
    /// shrunk evenly to make room for borders and padding, text wrapped at spaces and words that
    /// do not fit cut with an ellipsis. The default, 76, is what a Jupyter notebook gets (Keras
    /// falls back to an 80-column terminal there); a wide terminal gets 108.
    ///
    /// - Parameter lineLength: The table's width in characters, at least 40.
    /// - Returns: The lines, joined by newlines, without a trailing newline.
    public func text(lineLength: Int = 76) -> String {
        let table = BoxTable(
            headers: ["Layer (type)", "Output Shape", "Param #", "Connected to"],
            rightAligned: [false, false, true, false],
            positions: [0.3, 0.56, 0.74, 1.0],
            lineLength: max(lineLength, 40)
        )
        let rows = layers.map { layer in
            [
                "\(layer.name) (\(layer.type))",
                layer.formattedOutputShape,
                Format.grouped(layer.parameterCount),
                layer.connectedTo.isEmpty ? "-" : layer.connectedTo.joined(separator: ", "),
            ]
        }
        var lines = ["Model: \"\(modelName)\""]
        lines += table.render(rows: rows)
        lines.append(" Total params: \(Format.grouped(totalParameterCount)) (\(Self.memorySize(totalParameterCount)))")
        lines.append(" Trainable params: \(Format.grouped(trainableParameterCount)) (\(Self.memorySize(trainableParameterCount)))")
        lines.append(" Non-trainable params: \(Format.grouped(nonTrainableParameterCount)) (\(Self.memorySize(nonTrainableParameterCount)))")
        return lines.joined(separator: "\n")
    }

    /// The size of `count` float32 weights as Keras prints it: `2.56 MB`, in powers of 1024.
    static func memorySize(_ count: Int) -> String {
        var size = Double(count) * 4
        for unit in ["B", "KB", "MB", "GB", "TB"] {
            if size / 1024 < 1 { return "\(Format.fixed(size, 2)) \(unit)" }
            size /= 1024
        }
        return "\(Format.fixed(size, 2)) PB"
    }
}
