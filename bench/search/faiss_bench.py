#!/usr/bin/python3
"""FAISS side of bench/search: exact top-10 (IndexFlatL2) over Fashion-MNIST, and the recall check.

  faiss_bench.py run   --dataset DIR --out DIR [--queries N]
      loads the gzipped IDX files (raw pixel values 0..255 as float32, as SearchBench does), builds IndexFlatL2 on
      the 60,000 train images, then times single-query search (one query per call, faiss.omp_set_num_threads(1))
      and one batched call over the first --batch-queries queries with every thread (for reference only: with
      20 queries or more IndexFlatL2 goes through BLAS sgemm, and Debian's default libblas3 is the reference BLAS). Writes faiss.ids and faiss.dist (L2, not squared).
  faiss_bench.py check --dataset DIR --out DIR [--queries N] NAME.ids ...
      recall@10 of each ids file against faiss.ids. A returned id counts as correct when it is in FAISS's top 10,
      or when its exact distance (recomputed in float64) is within 1e-3 relative of FAISS's 10th distance: ties at
      equal distance may come back in another order.

Figures are printed as key=value lines. Run with /usr/bin/python3 (Debian's python3-faiss and python3-numpy).
"""
import argparse
import gzip
import os
import struct
import sys
import time

import numpy as np

K = 10
WARMUP = 50
TIE_TOLERANCE = 1e-3


def read_images(path, limit=None):
    with gzip.open(path, "rb") as f:
        magic, count, rows, cols = struct.unpack(">IIII", f.read(16))
        if magic != 0x803:
            sys.exit(f"{path}: not an IDX image file")
        if limit is not None:
            count = min(count, limit)
        data = np.frombuffer(f.read(count * rows * cols), dtype=np.uint8)
    return data.reshape(count, rows * cols).astype(np.float32)


def load(args):
    train = read_images(os.path.join(args.dataset, "train-images-idx3-ubyte.gz"))
    queries = read_images(os.path.join(args.dataset, "t10k-images-idx3-ubyte.gz"), args.queries)
    return train, queries


def figure(key, value):
    print(f"{key}={value:.1f}" if isinstance(value, float) else f"{key}={value}", flush=True)


def run(args):
    import faiss

    train, queries = load(args)
    index = faiss.IndexFlatL2(train.shape[1])
    index.add(train)

    faiss.omp_set_num_threads(1)
    for i in range(min(WARMUP, len(queries))):
        index.search(queries[i:i + 1], K)
    distances = np.empty((len(queries), K), dtype=np.float32)
    ids = np.empty((len(queries), K), dtype=np.int64)
    cpu_started = time.process_time()
    started = time.perf_counter()
    for i in range(len(queries)):
        distances[i], ids[i] = index.search(queries[i:i + 1], K)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    figure("faiss_qps", len(queries) / elapsed)
    figure("faiss_ms_per_query", elapsed * 1000 / len(queries))
    # CPU time of the process over the loop: unlike wall time, not inflated by other work on the machine.
    figure("faiss_cpu_ms_per_query", cpu * 1000 / len(queries))

    threads = os.cpu_count() or 1
    faiss.omp_set_num_threads(threads)
    batch = queries[:args.batch_queries]
    started = time.perf_counter()
    index.search(batch, K)
    figure("faiss_batch_qps", len(batch) / (time.perf_counter() - started))
    figure("faiss_batch_threads", threads)

    np.savetxt(os.path.join(args.out, "faiss.ids"), ids, fmt="%d")
    np.savetxt(os.path.join(args.out, "faiss.dist"), np.sqrt(distances.astype(np.float64)), fmt="%.6f")


def check(args):
    train, queries = load(args)
    truth_ids = np.loadtxt(os.path.join(args.out, "faiss.ids"), dtype=np.int64, ndmin=2)
    truth_dist = np.loadtxt(os.path.join(args.out, "faiss.dist"), dtype=np.float64, ndmin=2)
    train64 = train.astype(np.float64)
    worst = 1.0
    for name in args.files:
        with open(os.path.join(args.out, name)) as f:
            rows = [[int(x) for x in line.split()] for line in f]
        if len(rows) != len(queries):
            sys.exit(f"{name}: {len(rows)} result rows for {len(queries)} queries")
        correct = exact_order = 0
        for q, row in enumerate(rows):
            if len(row) != K or len(set(row)) != K:
                continue  # short or duplicated answers score nothing
            kth = truth_dist[q, K - 1]
            wanted = set(truth_ids[q].tolist())
            got = np.sqrt(((train64[row] - queries[q].astype(np.float64)) ** 2).sum(axis=1))
            correct += sum(1 for i, d in zip(row, got) if i in wanted or d <= kth * (1 + TIE_TOLERANCE))
            exact_order += row == truth_ids[q].tolist()
        recall = correct / (K * len(queries))
        worst = min(worst, recall)
        stem = os.path.splitext(name)[0]
        print(f"recall_at_10_{stem}={recall:.4f}", flush=True)
        print(f"same_order_as_faiss_{stem}={exact_order}/{len(queries)}", flush=True)
    print(f"recall_at_10={worst:.4f}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["run", "check"])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--dataset", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--out", required=True)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--batch-queries", type=int, default=200)
    args = parser.parse_intermixed_args()
    run(args) if args.command == "run" else check(args)


if __name__ == "__main__":
    main()
