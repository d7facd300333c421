"""Benchmark skill retrieval: encoder, Milvus search and end to end, against brute force.

For each collection size (default 1e3, 1e5, 1e6 rows) a Milvus collection is built with
lam_ros's schema, index and search parameters (lam_ros/skills/store.py): the real
exemplars (CALVIN training annotations + spec phrasings) plus synthetic rows, each a
random blend of two real exemplar vectors with noise, so they sit among real ones and
the nearest neighbour of a query is not trivially a real exemplar. Queries are 100
commands written for this benchmark (not CALVIN text). Each query is timed through the
encoder (ONNX Runtime and, for comparison, torch), through Milvus search, and end to
end; an exact NumPy search over the same vectors gives the ground truth (recall@1) and
the side-by-side latency.

Each collection is released and loaded again before it is measured: that is the state
a restarted node searches (Milvus Lite searches freshly inserted rows much more slowly).
The index is lam_ros's (HNSW) except where --plan names another: Milvus Lite builds
HNSW graphs when a collection is loaded (about 100 s for 1e5 rows here), so the 1e6
case uses IVF_FLAT by default.

Prints one JSON object. Usage:
    python bench/retrieval.py [--plan 1000:HNSW,100000:HNSW,1000000:IVF_FLAT] [--uri URI]
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
from lam_ros.skills.store import INDEX, SEARCH

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


def index_for(kind, rows):
    if kind == 'HNSW':
        return INDEX, SEARCH
    nlist = int(4 * np.sqrt(rows))
    return ({'index_type': 'IVF_FLAT', 'metric_type': 'IP', 'params': {'nlist': nlist}},
            {'metric_type': 'IP', 'params': {'nprobe': 32}})


def build(client, name, vectors, index_spec):
    from pymilvus import DataType
    if client.has_collection(name):
        client.drop_collection(name)
    schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field('id', DataType.INT64, is_primary=True)
    schema.add_field('vec', DataType.FLOAT_VECTOR, dim=DIM)
    index = client.prepare_index_params()
    index.add_index('vec', index_type=index_spec['index_type'],
                    metric_type=index_spec['metric_type'], params=index_spec['params'])
    client.create_collection(name, schema=schema, index_params=index)
    started = time.perf_counter()
    for start in range(0, len(vectors), 10000):
        client.insert(name, [{'id': start + i, 'vec': v.tolist()}
                             for i, v in enumerate(vectors[start:start + 10000])])
    client.flush(name)
    inserted = time.perf_counter() - started
    started = time.perf_counter()
    client.release_collection(name)
    client.load_collection(name)
    return inserted, time.perf_counter() - started


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--plan', default='1000:HNSW,100000:HNSW,1000000:IVF_FLAT',
                        help='rows:index pairs (index HNSW or IVF_FLAT)')
    parser.add_argument('--uri', default=None, help='Milvus URI (default: temporary Lite file)')
    parser.add_argument('--queries', type=int, default=100)
    args = parser.parse_args(argv)
    plan = [(int(float(p.split(':')[0])), p.split(':')[1]) for p in args.plan.split(',')]
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
        client = library.store.client
        results = {}
        for size, kind in plan:
            index_spec, search_spec = index_for(kind, size)
            vectors = np.concatenate([real, synthetic(real, max(0, size - len(real)), rng)])
            vectors = vectors[:size]
            name = 'bench_%d' % size
            inserted, loaded = build(client, name, vectors, index_spec)
            milvus_ms, e2e_ms, brute_ms, hits = [], [], [], 0
            for text, qv in zip(texts, query_vectors):
                t0 = time.perf_counter()
                vec = onnx.encode([text])[0]
                t1 = time.perf_counter()
                found = client.search(name, data=[vec.tolist()], limit=1,
                                      search_params=search_spec)
                t2 = time.perf_counter()
                milvus_ms.append((t2 - t1) * 1000)
                e2e_ms.append((t2 - t0) * 1000)
                t3 = time.perf_counter()
                exact = int(np.argmax(vectors @ qv))
                brute_ms.append((time.perf_counter() - t3) * 1000)
                hits += int(found[0][0]['id']) == exact
            results[str(size)] = {
                'rows': size, 'synthetic_rows': max(0, size - len(real)),
                'index': index_spec, 'search_params': search_spec,
                'insert_seconds': round(inserted, 1), 'load_seconds': round(loaded, 1),
                'milvus_search': summary(milvus_ms), 'end_to_end': summary(e2e_ms),
                'numpy_brute_force_search': summary(brute_ms),
                'recall_at_1_vs_brute_force': hits / len(texts),
                'ratio_milvus_over_brute_force_p50': round(
                    pct(milvus_ms, 50) / max(pct(brute_ms, 50), 1e-6), 2),
            }
            client.drop_collection(name)
            print(json.dumps({'progress': size, 'result': results[str(size)]}), flush=True)
        library.close()

    report = {
        'benchmark': 'retrieval', 'store': args.uri or 'Milvus Lite (temporary file)',
        'lam_ros_index': INDEX, 'lam_ros_search_params': SEARCH, 'queries': len(texts),
        'real_exemplars': int(len(real)),
        'encoder': {name: summary(v) for name, v in encoder_times.items()},
        'encoder_ratio_torch_over_onnx_p50': round(
            pct(encoder_times['torch'], 50) / pct(encoder_times['onnx'], 50), 2),
        'sizes': results,
    }
    print(json.dumps(report, indent=2))


if __name__ == '__main__':
    main()
