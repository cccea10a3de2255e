"""The walk-through's data steps in pandas on the same file, for the side-by-side with
`recbook run benchmarks/scale/scale-steps.md` (steps load, inspect, join, split, pivot).

usage: python3 benchmarks/scale/pandas_steps.py DATA_FOLDER

The pivot is the users × movies training matrix. pandas' own `pivot_table` is dense (at 10 M
ratings 65,016 × 24,969 float64 cells, 13 GB), so it is timed only below 2 M ratings; the
sparse pivot (a scipy CSR matrix, which is what recbook builds) is timed at every size.
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
    print(f"{name:<28} {time.perf_counter() - start:8.2f} s")
    return result


movies = timed("load movies", lambda: pd.read_csv(f"{folder}/movies.csv"))
ratings = timed("load ratings", lambda: pd.read_csv(f"{folder}/ratings.csv"))
timed("inspect (duplicates, nulls)", lambda: (ratings.duplicated().sum(), ratings.isnull().sum()))
timed("join with movies", lambda: pd.merge(movies, ratings, on="movieId"))


def time_aware_split():
    ordered = ratings.sort_values(["userId", "timestamp"], kind="stable")
    position = ordered.groupby("userId").cumcount().to_numpy()
    count = ordered.groupby("userId")["userId"].transform("size").to_numpy()
    held = np.maximum(1, count // 10)
    return (ordered[position < count - 2 * held],
            ordered[(position >= count - 2 * held) & (position < count - held)],
            ordered[position >= count - held])


train, validation, test = timed("time-aware split", time_aware_split)


def sparse_pivot():
    users, user_index = np.unique(train["userId"].to_numpy(), return_inverse=True)
    movie_ids, movie_index = np.unique(train["movieId"].to_numpy(), return_inverse=True)
    return csr_matrix((train["rating"].to_numpy(), (user_index, movie_index)), shape=(len(users), len(movie_ids)))


timed("pivot (sparse, scipy CSR)", sparse_pivot)
if len(ratings) < 2_000_000:
    timed("pivot (dense, pivot_table)", lambda: train.pivot_table(index="userId", columns="movieId", values="rating"))
