"""The walk-through's data steps in pandas on the same file, for the side-by-side with
`recbook run benchmarks/scale/data-steps.md` (or scale-steps.md): load, inspect, to-datetime,
join with movies, the time-aware split, pivot. Each step does the work recbook's step does and
makes the same outputs:

- load: both tables, every column, typed (int64, float64, strings);
- inspect: `duplicated().sum()` and `isnull().sum()`;
- to-datetime: the timestamps as datetimes (`unit='s'`), as the original does before the merge;
- join: `pd.merge(movies, ratings, on='movieId')`, every column, in the original's row order;
- time-aware split: per user, sorted by time (stable), the last max(1, int(0.1·n)) rows test,
  the max(1, int(0.1·n)) before them validation; three re-indexed tables, and the numbers of
  users and movies the split step prints (`nunique`);
- pivot: the users × movies training matrix, rows and columns in id order, a pair rated more
  than once given the mean of its ratings (what `pivot_table` computes; recbook keeps it sparse).

usage: python3 benchmarks/scale/pandas_steps.py DATA_FOLDER

pandas' own `pivot_table` is dense (at 10 M ratings 65,016 × 24,969 float64 cells, 13 GB), so it
is timed only below 2 M ratings; the sparse pivot (a scipy CSR matrix, which is what recbook
builds) is timed at every size. The vectorised split is much faster than the original's loop
over `groupby` (which is not timed here): pandas at its best.
"""
import sys
import time

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix

folder = sys.argv[1]


def timed(name, body):
    start = time.perf_counter()
    result = body()
    print(f"{name:<28} {time.perf_counter() - start:8.3f} s", flush=True)
    return result


movies = timed("load movies", lambda: pd.read_csv(f"{folder}/movies.csv"))
ratings = timed("load ratings", lambda: pd.read_csv(f"{folder}/ratings.csv"))
timed("inspect (duplicates, nulls)", lambda: (ratings.duplicated().sum(), ratings.isnull().sum()))


def to_datetime():
    ratings["timestamp"] = pd.to_datetime(ratings["timestamp"], unit="s")


timed("to-datetime", to_datetime)
timed("join with movies", lambda: pd.merge(movies, ratings, on="movieId"))


def time_aware_split(val_ratio=0.1, test_ratio=0.1):
    ordered = ratings.sort_values(["userId", "timestamp"], kind="stable")
    position = ordered.groupby("userId").cumcount().to_numpy()
    count = ordered.groupby("userId")["userId"].transform("size").to_numpy()
    # int(n * ratio) on doubles, as the original's split_user computes it.
    test = np.maximum(1, (count * test_ratio).astype(np.int64))
    validation = np.maximum(1, (count * val_ratio).astype(np.int64))
    parts = (ordered[position < count - validation - test],
             ordered[(position >= count - validation - test) & (position < count - test)],
             ordered[position >= count - test])
    return tuple(part.reset_index(drop=True) for part in parts), ratings["userId"].nunique(), ratings["movieId"].nunique()


(train, validation, test), users, items = timed("time-aware split", time_aware_split)
print(f"Train: {len(train)}  Val: {len(validation)}  Test: {len(test)}  Users: {users}  Items: {items}")


def sparse_pivot():
    user_ids, user_index = np.unique(train["userId"].to_numpy(), return_inverse=True)
    movie_ids, movie_index = np.unique(train["movieId"].to_numpy(), return_inverse=True)
    shape = (len(user_ids), len(movie_ids))
    sums = csr_matrix((train["rating"].to_numpy(), (user_index, movie_index)), shape=shape)
    if sums.nnz != len(train):
        # Repeated (user, movie) pairs: the mean of their ratings, as pivot_table gives.
        counts = csr_matrix((np.ones(len(train)), (user_index, movie_index)), shape=shape)
        sums.data /= counts.data
    return user_ids, movie_ids, sums


timed("pivot (sparse, scipy CSR)", sparse_pivot)
if len(ratings) < 2_000_000:
    timed("pivot (dense, pivot_table)", lambda: train.pivot_table(index="userId", columns="movieId", values="rating"))
