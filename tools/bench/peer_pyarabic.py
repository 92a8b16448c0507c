#!/usr/bin/env python3
"""Peer for `rasid bench --text-only`: PyArabic's normaliser and tokeniser over
the same JSON Lines corpus (`rasid bench --write-corpus`), one thread.

usage: peer_pyarabic.py CORPUS.jsonl [RUNS]
"""
import json, statistics, sys, time

from pyarabic import araby


def main():
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    speeds = []
    for _ in range(runs):
        start = time.perf_counter()
        tokens = 0
        for t in texts:
            t = araby.strip_tashkeel(t)
            t = araby.strip_tatweel(t)
            t = araby.normalize_hamza(t)
            t = araby.normalize_ligature(t)
            tokens += len(araby.tokenize(t))
        speeds.append(mb / (time.perf_counter() - start))
    print(f"pyarabic (strip_tashkeel, strip_tatweel, normalize_hamza, normalize_ligature, tokenize), one thread: "
          f"{statistics.median(speeds):.1f} MB/s (median of {runs}) over {mb:.1f} MB")


if __name__ == "__main__":
    main()
