"""Times the table-verb benchmark's operations in pandas and polars, on the files generate.py
writes. Prints one line per operation: `library<TAB>operation<TAB>seconds` (best of --repeat).

    python3 reference.py DATA_DIR [--repeat 3]
"""
import argparse
import os
import time

import pandas as pd
import polars as pl


def best(repeat, body):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return min(times)


def pandas_times(data, repeat):
    load = lambda: pd.read_csv(os.path.join(data, "ratings.csv"))
    yield "load ratings", best(1, load)
    ratings = load()
    movies = pd.read_csv(os.path.join(data, "movies.csv"))
    cutoff = int(pd.Timestamp("2010-01-01", tz="UTC").timestamp())
    yield "filter rating >= 4 since 2010", best(repeat, lambda: ratings[(ratings.rating >= 4) & (ratings.timestamp >= cutoff)])
    yield "sort by userId, timestamp desc", best(repeat, lambda: ratings.sort_values(["userId", "timestamp"], ascending=[True, False], kind="stable"))
    yield "group-by mean per movie", best(repeat, lambda: ratings.groupby("movieId").agg(mean=("rating", "mean")).reset_index())
    yield "join ratings to movies", best(repeat, lambda: pd.merge(ratings, movies, on="movieId"))
    explode = lambda: movies.assign(genres=movies.genres.str.split("|")).explode("genres").groupby("genres").agg(movies=("movieId", "size")).reset_index()
    yield "explode genres, count per genre", best(repeat, explode)
    genre_means = lambda: (pd.merge(ratings, movies, on="movieId").assign(genres=lambda f: f.genres.str.split("|"))
                           .explode("genres").groupby("genres").agg(ratings=("rating", "size"), mean=("rating", "mean")).reset_index())
    yield "join, explode genres, mean per genre", best(repeat, genre_means)
    yield "distinct (userId, movieId)", best(repeat, lambda: ratings.drop_duplicates(subset=["userId", "movieId"]))
    yield "value-counts rating", best(repeat, lambda: ratings.value_counts("rating").reset_index())
    yield "top 20 by rating, timestamp", best(repeat, lambda: ratings.nlargest(20, ["rating", "timestamp"]))


def polars_times(data, repeat):
    load = lambda: pl.read_csv(os.path.join(data, "ratings.csv"))
    yield "load ratings", best(1, load)
    ratings = load()
    movies = pl.read_csv(os.path.join(data, "movies.csv"))
    cutoff = int(pd.Timestamp("2010-01-01", tz="UTC").timestamp())
    yield "filter rating >= 4 since 2010", best(repeat, lambda: ratings.filter((pl.col("rating") >= 4) & (pl.col("timestamp") >= cutoff)))
    yield "sort by userId, timestamp desc", best(repeat, lambda: ratings.sort(["userId", "timestamp"], descending=[False, True], maintain_order=True))
    yield "group-by mean per movie", best(repeat, lambda: ratings.group_by("movieId").agg(pl.col("rating").mean().alias("mean")).sort("movieId"))
    yield "join ratings to movies", best(repeat, lambda: ratings.join(movies, on="movieId", how="inner", maintain_order="left"))
    explode = lambda: movies.with_columns(pl.col("genres").str.split("|")).explode("genres").group_by("genres").agg(pl.len().alias("movies")).sort("genres")
    yield "explode genres, count per genre", best(repeat, explode)
    genre_means = lambda: (ratings.join(movies, on="movieId", how="inner", maintain_order="left")
                           .with_columns(pl.col("genres").str.split("|")).explode("genres")
                           .group_by("genres").agg(pl.len().alias("ratings"), pl.col("rating").mean().alias("mean")).sort("genres"))
    yield "join, explode genres, mean per genre", best(repeat, genre_means)
    yield "distinct (userId, movieId)", best(repeat, lambda: ratings.unique(subset=["userId", "movieId"], keep="first", maintain_order=True))
    yield "value-counts rating", best(repeat, lambda: ratings["rating"].value_counts(sort=True))
    yield "top 20 by rating, timestamp", best(repeat, lambda: ratings.top_k(20, by=["rating", "timestamp"]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for library, times in (("pandas", pandas_times), ("polars", polars_times)):
        for operation, seconds in times(args.data, args.repeat):
            print(f"{library}\t{operation}\t{seconds:.3f}", flush=True)


if __name__ == "__main__":
    main()
