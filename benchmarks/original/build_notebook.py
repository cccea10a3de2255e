"""Builds the original analysis as a Jupyter notebook and as a script that times model.fit.

usage: python build_notebook.py SEED_DIR OUT_DIR
  SEED_DIR  the folder holding notebook_cells.py (../shared/seed)
  OUT_DIR   where movie-recommender.ipynb and notebook_cells_timed.py are written
The code cells are the original's, unchanged; only the timed script adds three lines.
"""
import pathlib, re, sys
import nbformat

seed, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
source = (seed / "notebook_cells.py").read_text()
blocks = re.split(r"^# %%[^\n]*\n", source, flags=re.M)
notebook = nbformat.v4.new_notebook()
notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
notebook.cells = [nbformat.v4.new_code_cell(b.rstrip("\n")) for b in blocks[1:] if b.strip()]
nbformat.write(notebook, out / "movie-recommender.ipynb")

fit = "trained_model = model.fit("
end = "    verbose=1\n)\n"
assert source.count(fit) == 1 and source.count(end) == 1
timed = source.replace(fit, "import time as _t; _t0 = _t.perf_counter()\n" + fit).replace(end, end +
    "_s = _t.perf_counter() - _t0; _e = len(trained_model.history['loss'])\n"
    "print(f'FIT_SECONDS {_s:.3f} EPOCHS {_e} TRAIN_ROWS {len(y_train)} SAMPLES_PER_S {len(y_train) * _e / _s:.0f}')\n")
(out / "notebook_cells_timed.py").write_text(timed)
print(len(notebook.cells), "cells")
