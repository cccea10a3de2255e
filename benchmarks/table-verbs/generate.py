"""Writes a MovieLens-shaped ratings.csv (25 M rows) and movies.csv (62 k rows, genres `A|B|C`)
in the ml-latest layout, for the table-verb benchmark. Seeded: the same files every time.

    python3 generate.py OUT_DIR [--ratings 25000000] [--movies 62423] [--users 162541]
"""
import argparse
import os

import numpy as np

GENRES = ["Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama",
          "Fantasy", "Film-Noir", "Horror", "IMAX", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller",
          "War", "Western", "(no genres listed)"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--ratings", type=int, default=25_000_095)
    parser.add_argument("--movies", type=int, default=62_423)
    parser.add_argument("--users", type=int, default=162_541)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(25)

    # Movie ids are sparse, as in MovieLens (1 … ~209 k); popularity is Zipf-like.
    movie_ids = np.sort(rng.choice(np.arange(1, 209_172), size=args.movies, replace=False))
    genre_counts = rng.integers(1, 4, size=args.movies)
    with open(os.path.join(args.out, "movies.csv"), "w") as f:
        f.write("movieId,title,genres\n")
        for movie, count in zip(movie_ids, genre_counts):
            genres = "|".join(rng.choice(GENRES, size=count, replace=False))
            f.write(f'{movie},"Movie {movie}, The ({1900 + movie % 120})",{genres}\n')

    popularity = 1.0 / np.arange(1, args.movies + 1) ** 0.9
    popularity /= popularity.sum()
    movies = movie_ids[rng.permutation(args.movies)][rng.choice(args.movies, size=args.ratings, p=popularity)]
    users = np.sort(rng.integers(1, args.users + 1, size=args.ratings))
    ratings = rng.integers(1, 11, size=args.ratings) / 2
    timestamps = rng.integers(789_652_009, 1_574_327_703, size=args.ratings)
    chunk = 1_000_000
    with open(os.path.join(args.out, "ratings.csv"), "w") as f:
        f.write("userId,movieId,rating,timestamp\n")
        for start in range(0, args.ratings, chunk):
            stop = min(start + chunk, args.ratings)
            lines = [f"{u},{m},{r:.1f},{t}" for u, m, r, t in
                     zip(users[start:stop], movies[start:stop], ratings[start:stop], timestamps[start:stop])]
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
