#!/usr/bin/python3
"""FAISS side of bench/routing, and its report.

  routing_peer.py peer --dataset DIR --out DIR --queries N
      loads Fashion-MNIST as RoutingBench does (784 pixels / 255 as float32, train ids 1..60000 in file order, the
      first N test images as queries), computes the exhaustive top-10 of every query (IndexFlatL2) into OUT/truth.*,
      trains the peer IndexIVFFlat (nlist 16, on all 60,000 points) and measures it at nprobe 1..8 (recall@10; probe
      fraction = points in the probed lists / 60,000, per query, averaged) into OUT/ivf.txt. Run before the mesh
      starts, so its CPU time does not weigh on the mesh's latencies.
  routing_peer.py report --dataset DIR --out DIR --queries N
      scores every OUT/<pass>.ids that RoutingBench wrote (recall@10 and NDCG@10 against the exhaustive top 10),
      interpolates FAISS's recall at the routed adaptive probed fraction, and prints the tables and the last line
      from OUT/figures.txt (RoutingBench's figures) and its own.

Recall counts a returned id as correct when it is in the exhaustive top 10 or its exact distance is within 1e-3
relative of the 10th (duplicate images tie). NDCG@10 uses the Orchestrator's RankingQuality definition: the
exhaustive order's first result gains 10, its 10th gains 1, anything else 0. Run with /usr/bin/python3.
"""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "search"))
import faiss_bench  # noqa: E402  (bench/search/faiss_bench.py)

K = 10
TIE_TOLERANCE = 1e-3
NLIST = 16
MAX_NPROBE = 8


def read_images(path, limit=None):
    # bench/search's reader (raw pixels as float32), scaled as RoutingBench and the Orchestrator's tests scale them.
    return faiss_bench.read_images(path, limit) / np.float32(255)


def read_figures(path):
    figures = {}
    with open(path) as f:
        for line in f:
            key, sep, value = line.strip().partition("=")
            if sep and " " not in key:
                figures[key] = value
    return figures


def read_ids(path):
    with open(path) as f:
        return [[int(x) - 1 for x in line.split()] for line in f]


def recall_of(rows, train64, queries64, truth_ids, truth_dist):
    correct = 0
    for q, row in enumerate(rows):
        wanted = set(truth_ids[q].tolist())
        kth = truth_dist[q, K - 1]
        unique = list(dict.fromkeys(row))[:K]
        if unique:
            got = np.sqrt(((train64[unique] - queries64[q]) ** 2).sum(axis=1))
            correct += sum(1 for i, d in zip(unique, got) if i in wanted or d <= kth * (1 + TIE_TOLERANCE))
    return correct / (K * len(rows))


def ndcg_of(rows, truth_ids):
    discounts = 1 / np.log2(np.arange(K) + 2)
    ideal = float(sum((K - i) * discounts[i] for i in range(K)))
    total = 0.0
    for q, row in enumerate(rows):
        gains = {int(i): K - r for r, i in enumerate(truth_ids[q][:K])}
        total += sum(gains.get(i, 0) * discounts[r] for r, i in enumerate(row[:K])) / ideal
    return total / len(rows)


def load(args):
    train = read_images(os.path.join(args.dataset, "train-images-idx3-ubyte.gz"))
    queries = read_images(os.path.join(args.dataset, "t10k-images-idx3-ubyte.gz"), args.queries)
    return train, queries


def peer(args):
    import faiss

    faiss.omp_set_num_threads(os.cpu_count() or 1)
    train, queries = load(args)
    n = len(train)
    flat = faiss.IndexFlatL2(train.shape[1])
    flat.add(train)
    truth_sq, truth_ids = flat.search(queries, K)
    truth_dist = np.sqrt(np.maximum(truth_sq.astype(np.float64), 0))
    np.savetxt(os.path.join(args.out, "truth.ids"), truth_ids, fmt="%d")
    np.savetxt(os.path.join(args.out, "truth.dist"), truth_dist, fmt="%.7f")

    quantizer = faiss.IndexFlatL2(train.shape[1])
    ivf = faiss.IndexIVFFlat(quantizer, train.shape[1], NLIST)
    ivf.cp.max_points_per_centroid = n // NLIST + 1  # train on all 60,000 points, not FAISS's default subsample
    ivf.cp.seed = 1234
    ivf.train(train)
    ivf.add(train)
    sizes = np.array([ivf.invlists.list_size(i) for i in range(NLIST)], dtype=np.float64)
    train64 = train.astype(np.float64)
    queries64 = queries.astype(np.float64)
    with open(os.path.join(args.out, "ivf.txt"), "w") as out:
        out.write(f"# list sizes {int(sizes.min())}..{int(sizes.max())}\n")
        for nprobe in range(1, MAX_NPROBE + 1):
            ivf.nprobe = nprobe
            _, ids = ivf.search(queries, K)
            _, lists = quantizer.search(queries, nprobe)
            fraction = float(sizes[lists].sum(axis=1).mean() / n)
            recall = recall_of([list(r) for r in ids], train64, queries64, truth_ids, truth_dist)
            out.write(f"{nprobe} {fraction:.6f} {recall:.6f}\n")


def report(args):
    figures = read_figures(os.path.join(args.out, "figures.txt"))
    train, queries = load(args)
    truth_ids = np.loadtxt(os.path.join(args.out, "truth.ids"), dtype=np.int64, ndmin=2)
    truth_dist = np.loadtxt(os.path.join(args.out, "truth.dist"), dtype=np.float64, ndmin=2)
    train64 = train.astype(np.float64)
    queries64 = queries.astype(np.float64)
    with open(os.path.join(args.out, "ivf.txt")) as f:
        sizes_line = f.readline().strip("# \n")
        ivf_rows = [(int(a), float(b), float(c)) for a, b, c in (line.split() for line in f)]

    scored = {}
    for name in sorted(os.listdir(args.out)):
        if name.endswith(".ids") and name != "truth.ids":
            rows = read_ids(os.path.join(args.out, name))
            stem = name[:-4]
            scored[stem] = (len(rows), recall_of(rows, train64, queries64, truth_ids, truth_dist), ndcg_of(rows, truth_ids))

    def figure(key, default="n/a"):
        return figures.get(key, default)

    print(f"Routed search through the Orchestrator, {args.queries} Fashion-MNIST test queries, recall@10 against exhaustive (FAISS IndexFlatL2):")
    print("  setting        queries  recall@10  probed fraction  domains/query  p50 ms  partial")
    for stem in ["adaptive", "fixed1", "fixed2", "fixed3", "fixed4", "fixed8", "broadcast"]:
        if stem in scored:
            rows, recall, _ = scored[stem]
            print(f"  {stem:<14} {rows:7d}  {recall:9.4f}  {float(figure('probed_fraction_' + stem, 'nan')):15.4f}  "
                  f"{float(figure('mean_domains_' + stem, 'nan')):13.2f}  {float(figure('p50_ms_' + stem, 'nan')):6.2f}  {figure('partial_' + stem)}")
    if "direct" in scored:
        print(f"  direct (one collection of 60,000 on one LocalCluster): recall@10 {scored['direct'][1]:.4f}")
    print(f"  calibration (Orchestrator, 400 sampled points): margin {figure('calibration_margin')}, held-out recall "
          f"{figure('calibration_held_out_recall')}, {figure('calibration_mean_domains')} domains, fraction {figure('calibration_probed_fraction')}")
    print()
    print(f"FAISS IndexIVFFlat, nlist 16, trained on the same 60,000 points ({sizes_line}):")
    print("  nprobe  probe fraction  recall@10")
    for nprobe, fraction, recall in ivf_rows:
        print(f"  {nprobe:6d}  {fraction:14.4f}  {recall:9.4f}")
    routed_fraction = float(figure("probed_fraction_adaptive", "nan"))
    # Below nprobe 1 FAISS has no setting: the line from (0, 0) is a generous stand-in; above nprobe 8 it is clamped.
    faiss_same = float(np.interp(routed_fraction, [0.0] + [r[1] for r in ivf_rows], [0.0] + [r[2] for r in ivf_rows]))
    print(f"  FAISS recall interpolated at the routed adaptive fraction {routed_fraction:.4f}: {faiss_same:.4f}")
    print()
    print("Fusion over the 4 nearest domains, against the exhaustive top 10:")
    print("  fusion        NDCG@10  recall@10")
    for stem in ["fusion_weighted", "fusion_ml_based", "fusion_max_score"]:
        if stem in scored:
            print(f"  {stem[7:]:<12} {scored[stem][2]:8.4f}  {scored[stem][1]:9.4f}")
    print(f"  ML_BASED model trained on {figure('fusion_model_queries')} live-recall replays "
          f"(live recall of the training searches {figure('live_recall_training')} over {figure('live_samples_training')} replays)")
    print()
    print("Latency, sequential, one client, interleaved query by query (ms):")
    print(f"  routed adaptive through the Orchestrator  p50 {figure('routed_p50_ms')}  p99 {figure('routed_p99_ms')}")
    print(f"  direct on one LocalCluster (60,000)       p50 {figure('direct_p50_ms')}  p99 {figure('direct_p99_ms')}")
    print(f"Throughput, {figure('concurrency')} searches in flight: routed adaptive {figure('qps_routed')} q/s, "
          f"BROADCAST (every domain) {figure('qps_exhaustive')} q/s; errors {figure('qps_errors')}, partial {figure('qps_partial')}")
    print(f"Setup: ingest {figure('ingest_pps')} points/s through UpsertStream, analysis {figure('analysis_s')} s, "
          f"specialization and split {figure('specialize_and_split_s')} s")
    with open("/proc/loadavg") as f:
        loadavg = " ".join(f.read().split()[:3])
    print(f"load average at the end: {loadavg} on {os.cpu_count()} cores")

    def scored_or_nan(stem, i):
        return scored[stem][i] if stem in scored else float("nan")

    print(f"recall_at_10={scored_or_nan('adaptive', 1):.4f} probed_fraction={routed_fraction:.4f} "
          f"faiss_ivf_recall_same_fraction={faiss_same:.4f} p50_ratio_vs_direct={figure('p50_ratio_vs_direct')} "
          f"p99_ratio_vs_direct={figure('p99_ratio_vs_direct')} qps_ratio_vs_fanout={figure('qps_ratio_vs_fanout')} "
          f"ndcg_ml_based={scored_or_nan('fusion_ml_based', 2):.4f} ndcg_weighted={scored_or_nan('fusion_weighted', 2):.4f} "
          f"ndcg_max_score={scored_or_nan('fusion_max_score', 2):.4f} recall_fixed4={scored_or_nan('fixed4', 1):.4f} "
          f"routed_p50_ms={figure('routed_p50_ms')} direct_p50_ms={figure('direct_p50_ms')} "
          f"qps_routed={figure('qps_routed')} qps_exhaustive={figure('qps_exhaustive')}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["peer", "report"])
    parser.add_argument("--dataset", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--out", required=True)
    parser.add_argument("--queries", type=int, default=1000)
    args = parser.parse_args()
    peer(args) if args.command == "peer" else report(args)


if __name__ == "__main__":
    main()
