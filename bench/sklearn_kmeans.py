#!/usr/bin/python3
"""Time scikit-learn's KMeans on a sparse matrix that bench/cluster.ts wrote.

The TypeScript bench writes, into one folder, the CSR matrix of a data set
and the initial centres of rolemine's k-means++ seeding:

    meta.json     {"rowCount", "columnCount", "k", "maxIterations", "runs"}
    offsets.bin   int32 little-endian, rowCount + 1 entries
    indices.bin   int32 little-endian, one per stored value
    values.bin    float64 little-endian, one per stored value
    centres.bin   float64 little-endian, k x columnCount, row-major

This script fits KMeans(init=centres, n_init=1, tol=0, max_iter=...) with
each of the "lloyd" and "elkan" algorithms, "runs" times after one warm-up
fit, and prints one JSON object to stdout: the scikit-learn version, the
thread count that its OpenMP loops use, and per algorithm the fit times in
milliseconds, the iterations, the inertia and the labels. It also times
one default-seeded fit per run (init="k-means++", n_init=1), so that the
cost of seeding can be compared too.

Exit status 3 means scikit-learn could not be imported, and the message
on stderr explains how to install it.

Usage: /usr/bin/python3 bench/sklearn_kmeans.py FOLDER
"""

import json
import os
import sys
import time


def load(folder):
    import numpy as np
    from scipy.sparse import csr_matrix

    with open(os.path.join(folder, "meta.json"), encoding="utf-8") as handle:
        meta = json.load(handle)
    rows, columns, k = meta["rowCount"], meta["columnCount"], meta["k"]

    def read(name, dtype):
        return np.fromfile(os.path.join(folder, name), dtype=dtype)

    offsets = read("offsets.bin", "<i4")
    indices = read("indices.bin", "<i4")
    values = read("values.bin", "<f8")
    matrix = csr_matrix((values, indices, offsets), shape=(rows, columns))
    centres = read("centres.bin", "<f8").reshape(k, columns)
    return meta, matrix, centres


def fit_times(matrix, runs, **options):
    from sklearn.cluster import KMeans

    KMeans(**options).fit(matrix)  # warm-up: imports, thread pool
    times = []
    model = None
    for _ in range(runs):
        start = time.perf_counter()
        model = KMeans(**options).fit(matrix)
        times.append((time.perf_counter() - start) * 1000)
    return times, model


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: sklearn_kmeans.py FOLDER\n")
        return 2
    try:
        import sklearn
        from threadpoolctl import threadpool_info
    except ImportError as error:
        sys.stderr.write(
            f"scikit-learn is not available ({error}); on Debian install it "
            "with `apt-get install -y python3-sklearn` and run this script "
            "with /usr/bin/python3\n"
        )
        return 3

    meta, matrix, centres = load(sys.argv[1])
    k, runs, max_iter = meta["k"], meta["runs"], meta["maxIterations"]
    result = {"sklearn": sklearn.__version__, "algorithms": {}}
    for algorithm in ("lloyd", "elkan"):
        times, model = fit_times(
            matrix,
            runs,
            n_clusters=k,
            init=centres,
            n_init=1,
            max_iter=max_iter,
            tol=0,
            algorithm=algorithm,
        )
        result["algorithms"][algorithm] = {
            "times": times,
            "iterations": int(model.n_iter_),
            "inertia": float(model.inertia_),
            "labels": model.labels_.tolist(),
        }
    times, model = fit_times(
        matrix,
        runs,
        n_clusters=k,
        init="k-means++",
        n_init=1,
        max_iter=max_iter,
        tol=0,
        algorithm="lloyd",
        random_state=0,
    )
    result["seeded"] = {
        "times": times,
        "iterations": int(model.n_iter_),
        "inertia": float(model.inertia_),
    }
    result["threads"] = [
        entry.get("num_threads") for entry in threadpool_info()
    ]
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
