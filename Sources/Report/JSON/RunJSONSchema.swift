/// The JSON Schema of the `json` report format, `recbook-run` version 1, with a description of
/// every member. `recbook` can print it, and the tests validate every document the renderer
/// writes against it.
enum RunJSONSchema {
    static let text = #"""
{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "urn:recbook:schema:recbook-run:1",
  "title": "recbook run",
  "description": "A notebook run as `recbook run --format json` writes it: the notebook, its provenance, and every cell in notebook order with what happened when it ran. Optional members are left out rather than written as null. Version 1; the version changes when a member is removed or changes meaning, not when an optional member is added, so readers should ignore members they do not know.",
  "type": "object",
  "required": ["format", "version", "title", "path", "succeeded", "summary", "provenance", "cells"],
  "additionalProperties": false,
  "properties": {
    "format": { "description": "Always \"recbook-run\".", "const": "recbook-run" },
    "version": { "description": "The version of this format: 1.", "const": 1 },
    "title": { "description": "The notebook's title: its front matter `title:`, else its first heading, else its file name.", "type": "string" },
    "path": { "description": "The notebook's path as given on the command line.", "type": "string" },
    "succeeded": { "description": "True when every step succeeded or was reused and every expectation held.", "type": "boolean" },
    "summary": {
      "description": "Counts of the steps by status, and of the expectations.",
      "type": "object",
      "required": ["steps", "succeeded", "reused", "failed", "notRun", "expectations", "expectationsHeld"],
      "additionalProperties": false,
      "properties": {
        "steps": { "description": "Number of steps.", "$ref": "#/definitions/count" },
        "succeeded": { "description": "Steps that ran and succeeded.", "$ref": "#/definitions/count" },
        "reused": { "description": "Steps whose results came from the cache.", "$ref": "#/definitions/count" },
        "failed": { "description": "Steps that failed.", "$ref": "#/definitions/count" },
        "notRun": { "description": "Steps that were not run.", "$ref": "#/definitions/count" },
        "expectations": { "description": "Expectations checked.", "$ref": "#/definitions/count" },
        "expectationsHeld": { "description": "Expectations that held.", "$ref": "#/definitions/count" }
      }
    },
    "duration": { "description": "Wall time of the whole run in seconds. Absent when the run was rendered without timings (`--no-timings`).", "$ref": "#/definitions/seconds" },
    "peakMemoryBytes": { "description": "The most memory the process held resident during the run (getrusage's ru_maxrss), in bytes. Absent without timings, and when not measured.", "$ref": "#/definitions/count" },
    "provenance": {
      "description": "What produced the run, so that it can be reproduced.",
      "type": "object",
      "required": ["recbookVersion", "seed", "parameters", "files"],
      "additionalProperties": false,
      "properties": {
        "recbookVersion": { "description": "The version of recbook that ran the notebook.", "type": "string" },
        "seed": { "description": "The seed of every stochastic step; null when none was set.", "type": ["integer", "null"] },
        "parameters": {
          "description": "The notebook parameters as used, in declaration order.",
          "type": "array",
          "items": {
            "type": "object",
            "required": ["name", "value"],
            "additionalProperties": false,
            "properties": {
              "name": { "description": "The parameter's name.", "type": "string" },
              "value": { "description": "Its value, as text.", "type": "string" }
            }
          }
        },
        "files": {
          "description": "Every data file a step read.",
          "type": "array",
          "items": {
            "type": "object",
            "required": ["path", "sha256"],
            "additionalProperties": false,
            "properties": {
              "path": { "description": "The file's path.", "type": "string" },
              "sha256": { "description": "The SHA-256 of its contents, in lowercase hexadecimal.", "type": "string" }
            }
          }
        }
      }
    },
    "cells": {
      "description": "The notebook's cells in order.",
      "type": "array",
      "items": { "$ref": "#/definitions/cell" }
    }
  },
  "definitions": {
    "count": { "type": "integer", "minimum": 0 },
    "seconds": { "type": "number", "minimum": 0 },
    "number": { "description": "A number; null where the value was not finite (NaN or infinite).", "type": ["number", "null"] },
    "cell": {
      "description": "One cell: prose, other-language code, or a step.",
      "type": "object",
      "required": ["type"],
      "properties": { "type": { "enum": ["prose", "code", "step"] } },
      "oneOf": [
        { "$ref": "#/definitions/proseCell" },
        { "$ref": "#/definitions/codeCell" },
        { "$ref": "#/definitions/stepCell" }
      ]
    },
    "proseCell": {
      "description": "A top-level Markdown block, shown as prose.",
      "type": "object",
      "required": ["type", "kind", "range", "html"],
      "additionalProperties": false,
      "properties": {
        "type": { "const": "prose" },
        "kind": {
          "description": "The block's kind. `other` blocks name cmark's node type in `nodeType` (`code_block` for indented code, `footnote_definition` for the footnotes, which cmark gathers into one final block).",
          "enum": ["heading", "paragraph", "list", "blockQuote", "table", "thematicBreak", "htmlBlock", "fencedCode", "other"]
        },
        "level": { "description": "A heading's level, 1 to 6.", "type": "integer", "minimum": 1, "maximum": 6 },
        "text": { "description": "A heading's plain text.", "type": "string" },
        "nodeType": { "description": "For `other` blocks: cmark's name for the node type.", "type": "string" },
        "range": { "$ref": "#/definitions/sourceRange" },
        "html": { "description": "The block as cmark-gfm renders it to HTML, raw HTML reduced to harmless elements and attributes unless the notebook allows raw HTML; `@fig-`/`@tbl-` references are left as written.", "type": "string" },
        "markdown": { "description": "The block's Markdown source, whole lines from `range`; present when the renderer had the notebook's text. When raw HTML had to be removed from the block, its safe `html` instead, as a Markdown HTML block.", "type": "string" }
      }
    },
    "codeCell": {
      "description": "A fenced block in another language (for example the original Python): shown, not run.",
      "type": "object",
      "required": ["type", "language", "info", "source", "line"],
      "additionalProperties": false,
      "properties": {
        "type": { "const": "code" },
        "language": { "description": "The first word of the info string; may be empty.", "type": "string" },
        "info": { "description": "The whole info string.", "type": "string" },
        "source": { "description": "The block's body.", "type": "string" },
        "line": { "description": "The line of the opening fence.", "type": "integer", "minimum": 1 }
      }
    },
    "stepCell": {
      "description": "A step block and what happened when it ran.",
      "type": "object",
      "required": ["type", "number", "name", "anchor", "info", "source", "line", "status", "outputs", "expectations"],
      "additionalProperties": false,
      "properties": {
        "type": { "const": "step" },
        "number": { "description": "The step's number, 1-based, shown as \"In [n]\".", "type": "integer", "minimum": 1 },
        "name": { "description": "The registered step name, for example `svd`.", "type": "string" },
        "anchor": { "description": "The id of the step's section in the HTML report (`step-3`).", "type": "string" },
        "info": { "description": "The block's info string as written.", "type": "string" },
        "source": { "description": "The block's body (YAML) as written.", "type": "string" },
        "line": { "description": "The line of the opening fence.", "type": "integer", "minimum": 1 },
        "binding": { "description": "The name its value was bound to with `as:`.", "type": "string" },
        "status": {
          "description": "`succeeded`: it ran. `reused`: its results came from the cache (see `reason`). `failed`: it threw (see `message`). `notRun`: it was not run (see `reason`).",
          "enum": ["succeeded", "reused", "failed", "notRun"]
        },
        "reason": { "description": "For `reused` and `notRun`: why.", "type": "string" },
        "message": { "description": "For `failed`: the error, naming the file and row or the parameter where it can.", "type": "string" },
        "cacheNote": { "description": "For a step that ran while caching was on: why its results could not be reused, for example \"parameter 'k' changed\".", "type": "string" },
        "duration": { "description": "Seconds the step took (for a reused step, the run that computed it). Absent without timings, and when unknown.", "$ref": "#/definitions/seconds" },
        "valueSummary": { "description": "A one-line description of the value it produced, for example \"table 100836 × 4\".", "type": "string" },
        "outputs": { "description": "What the step showed, in order.", "type": "array", "items": { "$ref": "#/definitions/output" } },
        "expectations": { "description": "Its `expect:` lines, checked after it ran.", "type": "array", "items": { "$ref": "#/definitions/expectation" } }
      },
      "allOf": [
        { "if": { "properties": { "status": { "enum": ["reused", "notRun"] } } }, "then": { "required": ["reason"] } },
        { "if": { "properties": { "status": { "const": "failed" } } }, "then": { "required": ["message"] } }
      ]
    },
    "expectation": {
      "type": "object",
      "required": ["source", "passed", "detail"],
      "additionalProperties": false,
      "properties": {
        "source": { "description": "The expectation as written, for example `rmse < 0.97`.", "type": "string" },
        "passed": { "description": "Whether it held.", "type": "boolean" },
        "detail": { "description": "What was measured, for example `rmse = 0.9628`.", "type": "string" }
      }
    },
    "output": {
      "description": "One thing a step showed.",
      "type": "object",
      "required": ["type"],
      "properties": { "type": { "enum": ["text", "table", "figure", "note"] } },
      "oneOf": [
        { "$ref": "#/definitions/textOutput" },
        { "$ref": "#/definitions/tableOutput" },
        { "$ref": "#/definitions/figureOutput" },
        { "$ref": "#/definitions/noteOutput" }
      ]
    },
    "textOutput": {
      "description": "Preformatted text, as the original notebook printed it.",
      "type": "object",
      "required": ["type", "text"],
      "additionalProperties": false,
      "properties": {
        "type": { "const": "text" },
        "text": { "type": "string" }
      }
    },
    "noteOutput": {
      "description": "A short remark.",
      "type": "object",
      "required": ["type", "kind", "markdown"],
      "additionalProperties": false,
      "properties": {
        "type": { "const": "note" },
        "kind": { "enum": ["info", "warning"] },
        "markdown": { "description": "The remark, in CommonMark; it may contain `@fig-`/`@tbl-` references.", "type": "string" }
      }
    },
    "tableOutput": {
      "description": "A table preview, already cut down to the rows and columns shown. A long table shows its head and tail with an ellipsis row between them, a wide one its first and last columns with an ellipsis column between them.",
      "type": "object",
      "required": ["type", "number", "anchor", "hasIndex", "columns", "rows", "shape", "showsShape"],
      "additionalProperties": false,
      "properties": {
        "type": { "const": "table" },
        "number": { "description": "Its number, counted over the run's tables in order (\"Table 2\").", "type": "integer", "minimum": 1 },
        "anchor": { "description": "Its id in the HTML report: `tbl-LABEL` when labelled, else `table-N`.", "type": "string" },
        "label": { "description": "The name prose refers to it by, as `@tbl-LABEL`.", "type": "string" },
        "caption": { "type": "string" },
        "indexName": { "description": "The title of the index column (for example `userId` in a pivot); may be empty.", "type": "string" },
        "columnsName": { "description": "The name of the column axis (pandas shows `movieId` over a pivot's columns).", "type": "string" },
        "hasIndex": { "description": "Whether rows carry index labels.", "type": "boolean" },
        "columns": {
          "description": "The columns shown.",
          "type": "array",
          "items": {
            "type": "object",
            "required": ["name", "numeric"],
            "additionalProperties": false,
            "properties": {
              "name": { "type": "string" },
              "numeric": { "description": "Numeric columns are right-aligned.", "type": "boolean" }
            }
          }
        },
        "rows": {
          "description": "The rows shown.",
          "type": "array",
          "items": {
            "type": "object",
            "required": ["cells"],
            "additionalProperties": false,
            "properties": {
              "label": { "description": "The row's index label, when the table has an index.", "type": "string" },
              "cells": { "description": "Display strings, one per column.", "type": "array", "items": { "type": "string" } }
            }
          }
        },
        "rowEllipsisAfter": { "description": "Rows were left out after this many rows.", "$ref": "#/definitions/count" },
        "columnEllipsisAfter": { "description": "Columns were left out after this many columns.", "$ref": "#/definitions/count" },
        "shape": {
          "description": "The size of the whole table, before it was cut down.",
          "type": "object",
          "required": ["rows", "columns"],
          "additionalProperties": false,
          "properties": {
            "rows": { "$ref": "#/definitions/count" },
            "columns": { "$ref": "#/definitions/count" }
          }
        },
        "showsShape": { "description": "Whether reports print \"N rows × M columns\" under it.", "type": "boolean" }
      }
    },
    "figureOutput": {
      "description": "A chart, as data and as SVG.",
      "type": "object",
      "required": ["type", "number", "anchor", "title", "xAxis", "yAxis", "marks", "svg"],
      "additionalProperties": false,
      "properties": {
        "type": { "const": "figure" },
        "number": { "description": "Its number, counted over the run's figures in order (\"Figure 3\").", "type": "integer", "minimum": 1 },
        "anchor": { "description": "Its id in the HTML report: `fig-LABEL` when labelled, else `figure-N`.", "type": "string" },
        "label": { "description": "The name prose refers to it by, as `@fig-LABEL`.", "type": "string" },
        "caption": { "type": "string" },
        "title": { "description": "The title drawn above the chart.", "type": "string" },
        "xAxis": { "$ref": "#/definitions/axis" },
        "yAxis": { "$ref": "#/definitions/axis" },
        "marks": { "description": "What is drawn inside the axes, in drawing order.", "type": "array", "items": { "$ref": "#/definitions/mark" } },
        "svg": { "description": "The chart as a standalone SVG document, as the Markdown report writes it beside itself.", "type": "string" }
      }
    },
    "axis": {
      "type": "object",
      "required": ["label", "scale", "includesZero", "format", "categories"],
      "additionalProperties": false,
      "properties": {
        "label": { "type": "string" },
        "scale": { "enum": ["linear", "log"] },
        "includesZero": { "description": "Whether the axis is forced to include zero.", "type": "boolean" },
        "format": { "description": "`date`: values are seconds since 1970-01-01 00:00:00 UTC, shown as dates.", "enum": ["number", "date"] },
        "categories": { "description": "Named categories along an x axis without bars: line and point x values are positions in it (0 is the first). Empty for a numeric axis.", "type": "array", "items": { "type": "string" } }
      }
    },
    "mark": {
      "type": "object",
      "required": ["type"],
      "properties": { "type": { "enum": ["bars", "histogram", "line", "points", "rule", "heatmap"] } },
      "oneOf": [
        {
          "description": "Bars over named categories; several series are drawn grouped.",
          "required": ["type", "categories", "series"],
          "additionalProperties": false,
          "properties": {
            "type": { "const": "bars" },
            "categories": { "type": "array", "items": { "type": "string" } },
            "series": {
              "description": "One entry per series, each with a value per category.",
              "type": "array",
              "items": {
                "type": "object",
                "required": ["name", "values"],
                "additionalProperties": false,
                "properties": {
                  "name": { "type": "string" },
                  "values": { "type": "array", "items": { "$ref": "#/definitions/number" } }
                }
              }
            }
          }
        },
        {
          "description": "A histogram: `counts[i]` observations in [`edges[i]`, `edges[i+1]`).",
          "required": ["type", "name", "edges", "counts"],
          "additionalProperties": false,
          "properties": {
            "type": { "const": "histogram" },
            "name": { "type": "string" },
            "edges": { "type": "array", "items": { "$ref": "#/definitions/number" } },
            "counts": { "type": "array", "items": { "$ref": "#/definitions/number" } }
          }
        },
        {
          "description": "`line`: a polyline through the points in order. `points`: unconnected points, optionally labelled.",
          "required": ["type", "name", "x", "y", "labels", "dashed"],
          "additionalProperties": false,
          "properties": {
            "type": { "enum": ["line", "points"] },
            "name": { "type": "string" },
            "x": { "type": "array", "items": { "$ref": "#/definitions/number" } },
            "y": { "type": "array", "items": { "$ref": "#/definitions/number" } },
            "labels": { "description": "Per-point labels; empty for none.", "type": "array", "items": { "type": "string" } },
            "dashed": { "type": "boolean" }
          }
        },
        {
          "description": "A horizontal reference line at y = `at`, or a vertical one at x = `at`.",
          "required": ["type", "orientation", "at", "label"],
          "additionalProperties": false,
          "properties": {
            "type": { "const": "rule" },
            "orientation": { "enum": ["horizontal", "vertical"] },
            "at": { "$ref": "#/definitions/number" },
            "label": { "type": "string" }
          }
        },
        {
          "description": "A heat map: cells coloured by value over categories along both axes. A figure with one shows it alone.",
          "required": ["type", "name", "columns", "rows", "values"],
          "additionalProperties": false,
          "properties": {
            "type": { "const": "heatmap" },
            "name": { "description": "What the values are, shown beside the colour scale.", "type": "string" },
            "columns": { "description": "The categories along the x axis, left to right.", "type": "array", "items": { "type": "string" } },
            "rows": { "description": "The categories along the y axis, top to bottom.", "type": "array", "items": { "type": "string" } },
            "values": {
              "description": "One array per row, one value per column; null for a cell without a value.",
              "type": "array",
              "items": { "type": "array", "items": { "$ref": "#/definitions/number" } }
            }
          }
        }
      ]
    },
    "sourceRange": {
      "description": "A span of the notebook's text: 1-based lines and columns (columns count UTF-8 bytes), the end inclusive.",
      "type": "object",
      "required": ["startLine", "startColumn", "endLine", "endColumn"],
      "additionalProperties": false,
      "properties": {
        "startLine": { "type": "integer", "minimum": 1 },
        "startColumn": { "type": "integer", "minimum": 1 },
        "endLine": { "type": "integer", "minimum": 1 },
        "endColumn": { "type": "integer", "minimum": 0 }
      }
    }
  }
}
"""#
}
