"""scikit-learn's side of bench/discovery/run.sh, and the scorer of every side's labels.

Run with Debian's /usr/bin/python3 (numpy, scikit-learn 1.2). Subcommands:
  kmeans  KMeans(lloyd) on all 60,000 train images: time, inertia, iterations; sklearn_kmeans.labels
  ward    AgglomerativeClustering(ward) on the first --rows images; sklearn_ward.labels
  dbscan  DBSCAN on the first --rows images for each --run TAG=EPS (EPS 'auto': this script's own k-distance
          knee, used only when ours gave none); sklearn_dbscan_TAG.labels
  score   NMI and ARI of every *.labels file in --out against the true labels, and ARI of each --vs A:B pair
Figures go to stdout as key=value lines; labels files hold one int per line, -1 for noise.
"""

import argparse
import gzip
import os
import sys
import time

import numpy as np


def load_images(dataset, rows=None):
    with gzip.open(os.path.join(dataset, "train-images-idx3-ubyte.gz")) as f:
        raw = f.read()
    images = np.frombuffer(raw, np.uint8, offset=16).reshape(-1, 784)
    if rows is not None:
        images = images[:rows]
    # Raw pixel values 0..255 as float32: the values DiscoveryBench gives our strategies and ML.NET.
    return np.ascontiguousarray(images, dtype=np.float32)


def load_labels(dataset):
    with gzip.open(os.path.join(dataset, "train-labels-idx1-ubyte.gz")) as f:
        return np.frombuffer(f.read(), np.uint8, offset=8).astype(np.int64)


def figure(key, value):
    print(f"{key}={value}", flush=True)


def write_labels(path, labels):
    np.savetxt(path, np.asarray(labels, dtype=np.int64), fmt="%d")


def inertia64(x, labels, centers):
    # Recomputed in float64 the way DiscoveryBench recomputes ours and ML.NET's, so the ratio compares like with like
    # (scikit-learn's own inertia_ is accumulated in float32).
    total = 0.0
    for start in range(0, len(x), 5000):
        chunk = x[start:start + 5000].astype(np.float64)
        diff = chunk - centers[labels[start:start + 5000]].astype(np.float64)
        total += float(np.einsum("ij,ij->", diff, diff))
    return total


def kmeans(args):
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_info

    x = load_images(args.dataset)
    model = KMeans(n_clusters=args.k, n_init=args.n_init, max_iter=args.max_iter, tol=args.tol,
                   algorithm="lloyd", random_state=0)
    start, cpu = time.perf_counter(), time.process_time()
    model.fit(x)
    ms = (time.perf_counter() - start) * 1000
    cpu_ms = (time.process_time() - cpu) * 1000
    write_labels(os.path.join(args.out, "sklearn_kmeans.labels"), model.labels_)
    threads = max((p.get("num_threads", 1) for p in threadpool_info()), default=1)
    figure("sklearn_kmeans_ms", f"{ms:.0f}")
    # CPU time of every thread: less inflated than wall time by other work on a shared machine.
    figure("sklearn_kmeans_cpu_ms", f"{cpu_ms:.0f}")
    figure("sklearn_kmeans_iterations", model.n_iter_)
    figure("sklearn_kmeans_ms_per_iteration", f"{ms / max(model.n_iter_, 1):.1f}")
    figure("sklearn_kmeans_inertia_own", f"{model.inertia_:.6e}")
    figure("sklearn_kmeans_inertia", f"{inertia64(x, model.labels_, model.cluster_centers_):.6e}")
    figure("sklearn_threads", threads)


def ward(args):
    from sklearn.cluster import AgglomerativeClustering

    x = load_images(args.dataset, args.rows)
    start, cpu = time.perf_counter(), time.process_time()
    labels = AgglomerativeClustering(n_clusters=args.k, linkage="ward").fit_predict(x)
    ms = (time.perf_counter() - start) * 1000
    write_labels(os.path.join(args.out, "sklearn_ward.labels"), labels)
    figure("sklearn_ward_ms", f"{ms:.0f}")
    figure("sklearn_ward_cpu_ms", f"{(time.process_time() - cpu) * 1000:.0f}")


def knee_epsilon(distances, min_samples):
    # The k-distance curve (distance to the min_samples-th neighbour, the point itself counted, as DBSCAN counts it),
    # sorted; the knee is the point farthest from the chord joining its ends.
    kd = np.sort(np.sort(distances, axis=1)[:, min_samples - 1])
    n = len(kd)
    xs = np.arange(n)
    chord = np.abs((kd[-1] - kd[0]) * xs - (n - 1) * (kd - kd[0]))
    return float(kd[int(chord.argmax())])


def dbscan(args):
    from sklearn.cluster import DBSCAN
    from sklearn.metrics import pairwise_distances

    x = load_images(args.dataset, args.rows)
    start = time.perf_counter()
    # One float64 distance matrix (5,000² × 8 bytes = 200 MB) serves every run: scikit-learn's brute-force
    # neighbour search computes the same distances on each fit.
    distances = pairwise_distances(x.astype(np.float64))
    figure("sklearn_dbscan_distances_ms", f"{(time.perf_counter() - start) * 1000:.0f}")
    for run in args.run:
        tag, eps = run.split("=", 1)
        if eps == "auto":
            eps = knee_epsilon(distances, args.min_samples)
            figure(f"sklearn_dbscan_{tag}_own_knee_epsilon", f"{eps:.3f}")
        start = time.perf_counter()
        labels = DBSCAN(eps=float(eps), min_samples=args.min_samples, metric="precomputed").fit_predict(distances)
        ms = (time.perf_counter() - start) * 1000
        write_labels(os.path.join(args.out, f"sklearn_dbscan_{tag}.labels"), labels)
        figure(f"sklearn_dbscan_{tag}_epsilon", f"{float(eps):.3f}")
        figure(f"sklearn_dbscan_{tag}_ms", f"{ms:.0f}")
        figure(f"sklearn_dbscan_{tag}_clusters", int(labels.max()) + 1)
        figure(f"sklearn_dbscan_{tag}_noise", int((labels == -1).sum()))


def read_labels(path):
    # ndmin: a file of one line is still a vector.
    return np.loadtxt(path, dtype=np.int64, ndmin=1)


def score(args):
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    truth = load_labels(args.dataset)
    for name in sorted(os.listdir(args.out)):
        if not name.endswith(".labels"):
            continue
        labels = read_labels(os.path.join(args.out, name))
        key = name[:-len(".labels")]
        if len(labels) > len(truth):
            figure(f"nmi_{key}", "n/a")
            continue
        # Noise (-1) stays one label of its own: points a strategy left unassigned count against it.
        figure(f"nmi_{key}", f"{normalized_mutual_info_score(truth[:len(labels)], labels):.4f}")
        figure(f"ari_{key}", f"{adjusted_rand_score(truth[:len(labels)], labels):.4f}")
    for pair in args.vs:
        a, b = pair.split(":", 1)
        key = f"ari_{a}_vs_{b}"
        pa, pb = (os.path.join(args.out, f"{n}.labels") for n in (a, b))
        if not (os.path.exists(pa) and os.path.exists(pb)):
            figure(key, "n/a")
            continue
        la, lb = read_labels(pa), read_labels(pb)
        figure(key, f"{adjusted_rand_score(la, lb):.4f}" if len(la) == len(lb) else "n/a")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["kmeans", "ward", "dbscan", "score"])
    parser.add_argument("--dataset", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--n-init", type=int, default=1)
    parser.add_argument("--max-iter", type=int, default=300)
    parser.add_argument("--tol", type=float, default=1e-4)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--min-samples", type=int, default=5)
    parser.add_argument("--run", action="append", default=[], help="TAG=EPS, for dbscan")
    parser.add_argument("--vs", action="append", default=[], help="A:B labels files (without .labels), for score")
    args = parser.parse_args()
    {"kmeans": kmeans, "ward": ward, "dbscan": dbscan, "score": score}[args.command](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
