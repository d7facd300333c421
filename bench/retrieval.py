"""Benchmark skill retrieval: encoder, Milvus search and end to end, against brute force.

For each collection size (default 1e3, 1e5, 1e6 rows) a collection is written with
lam_ros's own store code (lam_ros/skills/store.py: schema, index, and, from 20,000
rows on, k-means partitions searched through a routes collection): the real exemplars
(CALVIN training annotations + spec phrasings) plus synthetic rows, each a random blend
of two real exemplar vectors with noise, so they sit among real ones and the nearest
neighbour of a query is not trivially a real exemplar. Queries are 100 commands written
for this benchmark (not CALVIN text). Each collection is released and loaded again
before it is measured, as a restarted node would find it. Each query is timed through
the encoder (ONNX Runtime, and torch for comparison), through Milvus search (routing
included) and end to end; exact NumPy search over the same vectors gives the ground
truth (recall@1) and the side-by-side latency.

Prints one JSON object. Usage:
    python bench/retrieval.py [--sizes 1000,100000,1000000] [--uri URI]
"""

import argparse
import itertools
import json
import tempfile
import time
from pathlib import Path

import numpy as np

from lam_ros.skills.encoder import DIM, TextEncoder
from lam_ros.skills.library import SkillLibrary
from lam_ros.skills.store import ROUTE_PROBES, ROUTED_MIN_ROWS, ROWS_PER_PARTITION

VERBS = ['open', 'close', 'pick up', 'push', 'turn', 'slide', 'grab', 'move', 'press', 'lift']
OBJECTS = ['the drawer', 'the red block', 'the blue cube', 'the pink block', 'the sliding door',
           'the light switch', 'the green button', 'the cabinet door', 'the lamp', 'the LED']
TAILS = ['please', 'to the left', 'to the right', 'now', 'carefully']


def queries(count=100, seed=0):
    rng = np.random.default_rng(seed)
    combos = list(itertools.product(VERBS, OBJECTS, TAILS))
    picks = rng.choice(len(combos), size=count, replace=False)
    return ['%s %s %s' % combos[i] for i in picks]


def pct(values, q):
    return round(float(np.percentile(values, q)), 3)


def summary(values):
    return {'p50_ms': pct(values, 50), 'p95_ms': pct(values, 95)}


def synthetic(real, count, rng):
    """Rows near the real embedding manifold: blends of two exemplars plus noise."""
    a = real[rng.integers(len(real), size=count)]
    b = real[rng.integers(len(real), size=count)]
    w = rng.uniform(0.3, 0.7, size=(count, 1)).astype(np.float32)
    rows = w * a + (1 - w) * b + rng.normal(0, 0.25 / np.sqrt(DIM), (count, DIM)).astype(
        np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--sizes', default='1000,100000,1000000')
    parser.add_argument('--uri', default=None, help='Milvus URI (default: temporary Lite file)')
    parser.add_argument('--queries', type=int, default=100)
    args = parser.parse_args(argv)
    sizes = [int(float(x)) for x in args.sizes.split(',')]
    texts = queries(args.queries)
    rng = np.random.default_rng(1)

    with tempfile.TemporaryDirectory() as tmp:
        onnx = TextEncoder('onnx')
        torch_encoder = TextEncoder('torch')
        library = SkillLibrary(uri=args.uri or str(Path(tmp) / 'bench.db'), data_dir=tmp,
                               encoder=onnx)
        library.sync()
        real = np.stack([np.asarray(v, np.float32) for v in library.cache.encode(
            [r['text'] for r in library.store.rows('exemplars')])])
        encoder_times = {'onnx': [], 'torch': []}
        query_vectors = []
        for text in texts:
            for name, enc in (('onnx', onnx), ('torch', torch_encoder)):
                t0 = time.perf_counter()
                vec = enc.encode([text])[0]
                encoder_times[name].append((time.perf_counter() - t0) * 1000)
                if name == 'onnx':
                    query_vectors.append(vec)
        query_vectors = np.stack(query_vectors)
        store = library.store
        client = store.client
        results = {}
        for size in sizes:
            vectors = np.concatenate([real, synthetic(real, max(0, size - len(real)), rng)])
            vectors = vectors[:size]
            name = 'bench_%d' % size
            rows = [{'id': i, 'text': '', 'task': 'synthetic', 'data': '{}'}
                    for i in range(len(vectors))]
            started = time.perf_counter()
            store.write_collection(name, 'exemplars', rows, vectors)
            inserted = time.perf_counter() - started
            started = time.perf_counter()
            for part in (name, name + '__routes'):
                if client.has_collection(part):
                    client.release_collection(part)
                    client.load_collection(part)
            loaded = time.perf_counter() - started
            milvus_ms, e2e_ms, brute_ms, hits = [], [], [], 0
            for text, qv in zip(texts, query_vectors):
                t0 = time.perf_counter()
                vec = onnx.encode([text])[0]
                t1 = time.perf_counter()
                found = store.search_named(name, [vec], k=1)
                t2 = time.perf_counter()
                milvus_ms.append((t2 - t1) * 1000)
                e2e_ms.append((t2 - t0) * 1000)
                t3 = time.perf_counter()
                exact = int(np.argmax(vectors @ qv))
                brute_ms.append((time.perf_counter() - t3) * 1000)
                hits += int(found[0][0]['id']) == exact
            results[str(size)] = {
                'rows': size, 'synthetic_rows': max(0, size - len(real)),
                'partitions': (min(1024, max(16, size // ROWS_PER_PARTITION))
                               if size >= ROUTED_MIN_ROWS else 1),
                'insert_seconds': round(inserted, 1), 'load_seconds': round(loaded, 1),
                'milvus_search': summary(milvus_ms), 'end_to_end': summary(e2e_ms),
                'numpy_brute_force_search': summary(brute_ms),
                'recall_at_1_vs_brute_force': hits / len(texts),
                'ratio_milvus_over_brute_force_p50': round(
                    pct(milvus_ms, 50) / max(pct(brute_ms, 50), 1e-6), 2),
            }
            for part in (name, name + '__routes'):
                if client.has_collection(part):
                    client.drop_collection(part)
            print(json.dumps({'progress': size, 'result': results[str(size)]}), flush=True)
        library.close()

    report = {
        'benchmark': 'retrieval', 'store': args.uri or 'Milvus Lite (temporary file)',
        'index': store.index, 'search_params': store.search_params,
        'routing': {'from_rows': ROUTED_MIN_ROWS, 'rows_per_partition': ROWS_PER_PARTITION,
                    'partitions_searched': ROUTE_PROBES},
        'queries': len(texts),
        'real_exemplars': int(len(real)),
        'encoder': {name: summary(v) for name, v in encoder_times.items()},
        'encoder_ratio_torch_over_onnx_p50': round(
            pct(encoder_times['torch'], 50) / pct(encoder_times['onnx'], 50), 2),
        'sizes': results,
    }
    print(json.dumps(report, indent=2))


if __name__ == '__main__':
    main()
