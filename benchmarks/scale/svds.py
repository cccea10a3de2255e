"""scipy.sparse.linalg.svds(A, k) on the walk-through's matrix, for the side-by-side with
`recbook-bench svd` (see README.md here). A is the user-mean-centred training pivot of the
time-aware split: sort the ratings by (userId, timestamp), stably; each user's last
max(1, n // 10) ratings are test, the max(1, n // 10) before them validation, the rest train;
users and movies of the train part in ascending id order.

usage: python3 benchmarks/scale/svds.py DATA_FOLDER [k]
"""
import sys
import time

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix
from scipy.sparse.linalg import svds

folder = sys.argv[1]
k = int(sys.argv[2]) if len(sys.argv) > 2 else 50

ratings = pd.read_csv(f"{folder}/ratings.csv")
ratings = ratings.sort_values(["userId", "timestamp"], kind="stable")
position = ratings.groupby("userId").cumcount().to_numpy()
count = ratings.groupby("userId")["userId"].transform("size").to_numpy()
held = np.maximum(1, count // 10)
train = ratings[position < count - 2 * held]

users, user_index = np.unique(train["userId"].to_numpy(), return_inverse=True)
movies, movie_index = np.unique(train["movieId"].to_numpy(), return_inverse=True)
values = train["rating"].to_numpy(dtype=np.float64)
means = np.bincount(user_index, weights=values) / np.bincount(user_index)
matrix = csr_matrix((values - means[user_index], (user_index, movie_index)), shape=(len(users), len(movies)))
print(f"centred training pivot: {matrix.shape[0]} × {matrix.shape[1]}, {matrix.nnz} entries; k = {k}")

start, processor_start = time.perf_counter(), time.process_time()
u, s, vt = svds(matrix, k=k)
seconds, processor = time.perf_counter() - start, time.process_time() - processor_start
s = s[::-1]
print(f"scipy svds  {seconds:8.2f} s (CPU {processor:.2f} s)   σ₁ = {s[0]:.6f}   σ_k = {s[k - 1]:.6f}   Σσ = {s.sum():.6f}")
