/// The report's inline stylesheet: a readable single-column layout, a light and a dark theme
/// chosen by `prefers-color-scheme`, chart colours for both, and print rules.
///
/// No web fonts: the system UI font for text, the system monospace font for code.
enum ReportStylesheet {
    static let css: String = """
    :root {
      color-scheme: light dark;
      --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --stripe: #f6f8fa;
      --code-bg: #f6f8fa; --accent: #0969da; --ok: #1a7f37; --error: #cf222e; --error-bg: #ffebe9;
      --warning: #9a6700; --warning-bg: #fff8c5; --note-bg: #ddf4ff; --reused: #8250df;
      \(seriesVariables(ChartPalette.lightColors))
      --gutter: 5.5rem;
      --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
    }
    @media (prefers-color-scheme: dark) {
      :root {
        --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --stripe: #151b23;
        --code-bg: #151b23; --accent: #4493f8; --ok: #3fb950; --error: #f85149; --error-bg: #2d1214;
        --warning: #d29922; --warning-bg: #272115; --note-bg: #121d2f; --reused: #ab7df8;
        \(seriesVariables(ChartPalette.darkColors))
      }
    }
    *, *::before, *::after { box-sizing: border-box; }
    html { background: var(--bg); color: var(--fg); }
    body {
      margin: 0 auto; padding: 2rem 1.25rem 4rem; max-width: 64rem;
      font: 16px/1.6 var(--sans); background: var(--bg); color: var(--fg);
      -webkit-text-size-adjust: 100%;
    }
    a { color: var(--accent); }
    h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.8em 0 0.6em; }
    h1 { font-size: 2rem; } h2 { font-size: 1.5rem; border-bottom: 1px solid var(--border); padding-bottom: .25em; }
    h3 { font-size: 1.2rem; }
    .anchor { margin-left: .35em; color: var(--muted); text-decoration: none; opacity: 0; font-weight: 400; }
    h1:hover .anchor, h2:hover .anchor, h3:hover .anchor, h4:hover .anchor, h5:hover .anchor,
    h6:hover .anchor, .anchor:focus { opacity: 1; }
    code, pre, kbd, samp { font-family: var(--mono); font-size: 0.875em; }
    :not(pre) > code { background: var(--code-bg); padding: .1em .35em; border-radius: 4px; }
    pre {
      background: var(--code-bg); padding: .75rem 1rem; border-radius: 6px; overflow-x: auto;
      line-height: 1.45; margin: .5rem 0;
    }
    .report-header h1 { margin-top: 0; }
    .run-summary { color: var(--muted); margin: .25rem 0; }
    .run-failed { color: var(--error); font-weight: 600; }
    .toc { border: 1px solid var(--border); border-radius: 6px; padding: .5rem 1rem; margin: 1.5rem 0; }
    .toc summary { cursor: pointer; font-weight: 600; }
    .toc ol { list-style: none; padding-left: 1.1rem; margin: .25rem 0; }
    .toc > details > ol { padding-left: 0; }
    .toc a { text-decoration: none; }
    .toc a:hover { text-decoration: underline; }
    .prose, .code-cell { margin-left: var(--gutter); }
    .prose > :first-child { margin-top: 0; }
    .code-cell { position: relative; }
    .code-label {
      display: inline-block; font: 600 .72rem/1 var(--sans); letter-spacing: .04em; text-transform: uppercase;
      color: var(--muted); border: 1px solid var(--border); border-radius: 4px; padding: .2rem .4rem;
    }
    .cell { display: grid; grid-template-columns: var(--gutter) minmax(0, 1fr); margin: 1.25rem 0; }
    .prompt { font: .85rem/2 var(--mono); color: var(--muted); padding-right: .75rem; text-align: right; }
    .prompt .original-cell { display: block; font-size: .7rem; line-height: 1.2; }
    .prompt .original-cell .cells { white-space: nowrap; }
    .cell-body { min-width: 0; }
    .source summary {
      cursor: pointer; list-style: none; display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: baseline;
    }
    .source summary::-webkit-details-marker { display: none; }
    .source summary::before { content: "▸"; color: var(--muted); width: 1ch; }
    .source[open] > summary::before { content: "▾"; }
    .step-name { font-family: var(--mono); font-weight: 600; }
    .binding { font-family: var(--mono); color: var(--muted); }
    .badge { font-size: .8rem; padding: 0 .45rem; border-radius: 999px; border: 1px solid currentColor; }
    .badge.succeeded { color: var(--ok); } .badge.reused { color: var(--reused); }
    .badge.failed { color: var(--error); } .badge.not-run { color: var(--muted); }
    .timing { color: var(--muted); font-size: .85rem; font-variant-numeric: tabular-nums; }
    .step-source .info { color: var(--muted); }
    .status-note { margin: .4rem 0; color: var(--muted); font-size: .9rem; }
    .status-note.reused { color: var(--reused); }
    .status-note.cache-note { font-size: .8rem; margin-top: 0; }
    .cell.not-run .cell-body > :not(.status-note) { opacity: .6; }
    .error-box {
      border: 1px solid var(--error); border-left-width: 4px; background: var(--error-bg);
      border-radius: 6px; padding: .5rem 1rem; margin: .5rem 0;
    }
    .error-box .error-title { color: var(--error); font-weight: 600; margin: 0 0 .25rem; }
    .error-box pre { background: transparent; padding: 0; margin: 0; white-space: pre-wrap; }
    .outputs > * { margin: .75rem 0; }
    /* Box-drawing lines (a network's summary) join only when the line is as tall as the
       font's glyphs: a tighter line height than code's, and no ligatures. */
    .output-text {
      background: transparent; border-left: 3px solid var(--border); border-radius: 0;
      white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.2; font-variant-ligatures: none;
      font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
    }
    figure { margin: 1rem 0; }
    figcaption { font-size: .9rem; color: var(--muted); margin: .35rem 0; }
    figcaption .number { font-weight: 600; color: var(--fg); }
    .table-scroll { overflow-x: auto; max-width: 100%; }
    table.dataframe { border-collapse: collapse; font-size: .85rem; font-variant-numeric: tabular-nums; }
    table.dataframe th, table.dataframe td {
      padding: .3rem .6rem; border-bottom: 1px solid var(--border); text-align: left; vertical-align: top;
      white-space: nowrap;
    }
    table.dataframe thead th { border-bottom: 2px solid var(--border); white-space: nowrap; }
    table.dataframe tbody tr:nth-child(odd) { background: var(--stripe); }
    table.dataframe .num { text-align: right; white-space: nowrap; }
    table.dataframe .ellipsis, table.dataframe tr.ellipsis > * { text-align: center; color: var(--muted); }
    .table-shape { font-size: .85rem; color: var(--muted); margin: .25rem 0; }
    .rb-chart { display: block; color: var(--fg); }
    .chart-scroll { overflow-x: auto; max-width: 100%; }
    \(seriesClasses())
    .note { border-left: 4px solid var(--accent); background: var(--note-bg); border-radius: 6px; padding: .5rem 1rem; }
    .note.warning { border-left-color: var(--warning); background: var(--warning-bg); }
    .note .note-kind { font-weight: 600; margin: 0; font-size: .85rem; }
    .note > :last-child { margin-bottom: 0; }
    .expectations { list-style: none; padding: 0; margin: .5rem 0; font-size: .9rem; }
    .expectations li { margin: .15rem 0; }
    .expectations .passed .mark { color: var(--ok); font-weight: 700; }
    .expectations .failed .mark { color: var(--error); font-weight: 700; }
    .expectations .failed { color: var(--error); }
    .expectations .detail { color: var(--muted); }
    .value-summary { font-family: var(--mono); font-size: .85rem; color: var(--muted); margin: .5rem 0; }
    .xref-missing { color: var(--error); text-decoration: underline wavy; }
    .inline-value { font-variant-numeric: tabular-nums; }
    .inline-value-missing { color: var(--error); text-decoration: underline wavy; }
    .xref-missing::after { content: " (unknown reference)"; font-size: .8em; }
    .provenance { margin-top: 3rem; border-top: 1px solid var(--border); font-size: .9rem; }
    .provenance h2 { font-size: 1.2rem; border: none; }
    .provenance h3 { font-size: 1rem; }
    .provenance dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
    .provenance dt { font-weight: 600; } .provenance dd { margin: 0; }
    .provenance table { border-collapse: collapse; }
    .provenance th, .provenance td { text-align: left; padding: .2rem .8rem .2rem 0; border-bottom: 1px solid var(--border); }
    .provenance .digest { word-break: break-all; }
    @media (max-width: 40rem) {
      :root { --gutter: 0rem; }
      body { padding: 1rem .75rem 3rem; }
      .cell { grid-template-columns: minmax(0, 1fr); }
      .prompt { text-align: left; }
      .prompt .original-cell { display: inline; margin-left: .5em; }
      /* Wrapping would break a text table's columns apart: scroll it sideways instead. */
      .output-text { white-space: pre; overflow-wrap: normal; overflow-x: auto; }
    }
    @media print {
      :root {
        color-scheme: light;
        --bg: #fff; --fg: #000; --muted: #444; --border: #bbb; --stripe: #f3f3f3; --code-bg: #f5f5f5;
        \(seriesVariables(ChartPalette.lightColors))
      }
      /* The page is narrow: the prompt goes above the cell, as on a phone. */
      :root { --gutter: 0rem; }
      .cell { grid-template-columns: minmax(0, 1fr); }
      .prompt { text-align: left; line-height: 1.4; }
      .prompt .original-cell { display: inline; margin-left: .5em; }
      body { max-width: none; padding: 0; font-size: 10.5pt; }
      a { color: inherit; text-decoration: none; }
      .anchor, .toc summary, .source summary::before { display: none; }
      /* Figures and short boxes stay whole; a long table or text output may break between
         rows, so that it starts under its source instead of leaving a page blank. */
      .output-figure, .error-box, .expectations, .note, .step-source, .code-cell pre { break-inside: avoid; }
      h1, h2, h3, h4, .source, .code-cell, .table-shape { break-after: avoid; }
      figcaption { break-after: avoid; }
      .outputs > :first-child { break-before: avoid; }
      table.dataframe tr { break-inside: avoid; }
      table.dataframe thead { display: table-header-group; }
      /* Wide tables fit the page: smaller type, tighter cells; headers and text cells wrap,
         numbers never break. */
      .table-scroll, .chart-scroll { overflow: visible; }
      table.dataframe { font-size: 7pt; max-width: 100%; }
      table.dataframe th, table.dataframe td, table.dataframe thead th {
        padding: .1rem .25rem; white-space: normal; overflow-wrap: anywhere;
      }
      table.dataframe td.num { white-space: nowrap; overflow-wrap: normal; }
      .rb-chart { min-width: 0 !important; }
      pre { white-space: pre-wrap; overflow-wrap: anywhere; }
    }
    @media print {
      details::details-content { content-visibility: visible; display: contents; }
    }
    """

    private static func seriesVariables(_ colors: [String]) -> String {
        colors.enumerated().map { "--series-\($0.offset): \($0.element);" }.joined(separator: " ")
    }

    private static func seriesClasses() -> String {
        ChartPalette.lightColors.indices.map { ".rb-chart .s\($0) { color: var(--series-\($0)); }" }
            .joined(separator: "\n")
    }
}
