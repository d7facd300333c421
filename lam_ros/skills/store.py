"""The skill library in Milvus: skills, exemplars and episodes, searched by meaning.

Collections (cosine similarity on all-MiniLM-L6-v2 vectors, HNSW index):
- `skills`: one row per task (description embedding, its spec as JSON);
- `exemplars`: one row per example utterance with its task key and arguments;
- `episodes`: verified past successes (command, executed plan, outcome, timing),
  appended at run time and never touched by a sync.

Large collections (ROUTED_MIN_ROWS rows or more) are split into Milvus partitions by
k-means on their vectors, with the centroids in a companion `<name>__routes`
collection; a search first finds the ROUTE_PROBES nearest partitions, then searches
only those. Milvus Lite scans every row a search may see, so this keeps retrieval at
about 11 ms end to end for 1e5 rows instead of 40 ms (bench/retrieval.py); on a Milvus server it
narrows the search the same way.

`skills` and `exemplars` are Milvus aliases. A sync builds complete new collections
named after a hash of their content, and only then moves the aliases onto them, so a
search always sees a whole version: an interrupted sync leaves the previous one in
place, and a sync of unchanged content does nothing. The same code runs on Milvus Lite
(a local .db file, the default) and on a Milvus server (`http://host:19530`).
"""

import hashlib
import json
import logging
import time
from pathlib import Path

import numpy as np

from lam_ros.skills.encoder import DIM

log = logging.getLogger(__name__)

VERSIONED = ('skills', 'exemplars')
COLLECTIONS = VERSIONED + ('episodes',)
# Index per backend: a Milvus server gets HNSW; Milvus Lite scans the rows of the
# partitions a search may see whatever the index, and would spend minutes building HNSW
# graphs on every load, so it gets FLAT.
INDEX = {'index_type': 'HNSW', 'metric_type': 'IP', 'params': {'M': 16, 'efConstruction': 200}}
SEARCH = {'metric_type': 'IP', 'params': {'ef': 64}}
LITE_INDEX = {'index_type': 'FLAT', 'metric_type': 'IP', 'params': {}}
LITE_SEARCH = {'metric_type': 'IP', 'params': {}}
TEXT_MAX = 1024
JSON_MAX = 16384
ROUTED_MIN_ROWS = 20000     # collections this large are split into routed partitions
ROWS_PER_PARTITION = 500
MAX_PARTITIONS = 1024
ROUTE_PROBES = 8            # partitions searched per query
ROUTES = '__routes'
ALIAS_TTL_S = 2.0           # how long an alias' target is trusted without asking again


class StoreUnavailable(RuntimeError):
    """The Milvus store cannot be reached or used; the message names the URI."""


class StoreEmpty(RuntimeError):
    """The store has no synced skill library yet."""


def is_local(uri: str) -> bool:
    """Whether a URI is a Milvus Lite file rather than a server address."""
    return '://' not in uri


def content_hash(payload) -> str:
    """Short stable hash of JSON-serialisable content (collection version names)."""
    data = json.dumps(payload, sort_keys=True, separators=(',', ':')).encode()
    return hashlib.sha256(data).hexdigest()[:12]


class SkillStore:
    """Milvus-backed skill library. Create with a URI; call `close` when done."""

    def __init__(self, uri: str, timeout: float = 10.0):
        from pymilvus import MilvusClient
        from pymilvus.exceptions import MilvusException
        self.uri = str(uri)
        self._errors = (MilvusException, ConnectionError, OSError, RuntimeError, ValueError)
        self._loaded = set()
        self.index, self.search_params = (LITE_INDEX, LITE_SEARCH) if is_local(self.uri) else (
            INDEX, SEARCH)
        self._targets = {}          # alias -> (collection, time resolved)
        self._routed = {}           # collection -> whether it has a routes companion
        if is_local(self.uri):
            Path(self.uri).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
            # Milvus Lite's embedded gRPC server logs a traceback for RPCs it does not
            # implement (AllocTimestamp) that pymilvus merely probes; nothing fails.
            logging.getLogger('grpc._server').setLevel(logging.CRITICAL)
        try:
            self.client = MilvusClient(uri=self.uri, timeout=timeout)
            self.client.list_collections()
        except self._errors as err:
            raise StoreUnavailable('cannot reach the skill store at %s: %s' % (
                self.uri, _short(err))) from err

    def close(self):
        try:
            self.client.close()
        except self._errors:
            pass

    # ------------------------------------------------------------------ helpers
    def _call(self, what, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except self._errors as err:
            raise StoreUnavailable('skill store at %s failed to %s: %s' % (
                self.uri, what, _short(err))) from err

    def _schema(self, collection):
        from pymilvus import DataType
        schema = self.client.create_schema(auto_id=collection == 'episodes',
                                           enable_dynamic_field=False)
        schema.add_field('id', DataType.INT64, is_primary=True)
        schema.add_field('text', DataType.VARCHAR, max_length=TEXT_MAX)
        schema.add_field('task', DataType.VARCHAR, max_length=TEXT_MAX)
        schema.add_field('data', DataType.VARCHAR, max_length=JSON_MAX)
        schema.add_field('vec', DataType.FLOAT_VECTOR, dim=DIM)
        return schema

    def _create(self, name, kind):
        index = self.client.prepare_index_params()
        index.add_index('vec', index_type=self.index['index_type'],
                        metric_type=self.index['metric_type'], params=self.index['params'])
        self._call('create collection %s' % name, self.client.create_collection, name,
                   schema=self._schema(kind), index_params=index)

    def active_version(self, base: str):
        """Return the collection an alias points to, or None before the first sync."""
        aliases = self._call('list aliases', self.client.list_aliases).get('aliases', [])
        if base not in aliases:
            return None
        return self._call('describe alias %s' % base, self.client.describe_alias,
                          base)['collection_name']

    def write_collection(self, name: str, kind: str, rows: list, vectors) -> None:
        """Create collection `name` holding rows and their vectors (routed when large)."""
        if self.client.has_collection(name):      # leftover of an interrupted sync
            self._call('drop %s' % name, self.client.drop_collection, name)
        if self.client.has_collection(name + ROUTES):
            self._call('drop %s' % (name + ROUTES), self.client.drop_collection, name + ROUTES)
        self._create(name, kind)
        vectors = np.asarray(vectors, dtype=np.float32)
        groups = [(None, np.arange(len(rows)))]
        if len(rows) >= ROUTED_MIN_ROWS:
            parts = min(MAX_PARTITIONS, max(16, len(rows) // ROWS_PER_PARTITION))
            centroids, assign = cluster(vectors, parts)
            groups = []
            for k in range(parts):
                self._call('create partition', self.client.create_partition, name, 'p%d' % k)
                groups.append(('p%d' % k, np.flatnonzero(assign == k)))
            self._create(name + ROUTES, kind)
            self._call('insert routes', self.client.insert, name + ROUTES, [
                {'id': k, 'text': '', 'task': '', 'data': '{}', 'vec': c.tolist()}
                for k, c in enumerate(centroids)])
            self._call('flush routes', self.client.flush, name + ROUTES)
        for partition, index in groups:
            for start in range(0, len(index), 2000):
                batch = [dict(rows[i], vec=vectors[i].tolist()) for i in index[start:start + 2000]]
                kwargs = {'partition_name': partition} if partition else {}
                self._call('insert into %s' % name, self.client.insert, name, batch, **kwargs)
        self._call('flush %s' % name, self.client.flush, name)
        self._routed[name] = len(groups) > 1

    # ------------------------------------------------------------------ sync
    def sync(self, skills: list, exemplars: list, embed, model_id: str) -> dict:
        """Install a new version of `skills` and `exemplars` (rows of dicts).

        skills rows: {id, task, text, data}; exemplar rows: {id, task, text, data}.
        `embed(texts) -> (n, 384) array`. Returns what happened.
        """
        started = time.perf_counter()
        rows = {'skills': skills, 'exemplars': exemplars}
        targets = {base: '%s_%s' % (base, content_hash({'model': model_id, 'rows': rows[base]}))
                   for base in VERSIONED}
        previous = {b: self.active_version(b) for b in VERSIONED}
        if previous == targets:
            return {'changed': False, 'versions': targets, 'skills': len(skills),
                    'exemplars': len(exemplars), 'seconds': 0.0}
        for base in VERSIONED:
            name = targets[base]
            if previous[base] == name:
                continue
            self.write_collection(name, base, rows[base], embed([r['text'] for r in rows[base]]))
            self._ensure_loaded(name)
        # Only now do searches see the new version: one alias move per collection.
        for base in VERSIONED:
            if previous[base] is None:
                self._call('create alias %s' % base, self.client.create_alias,
                           targets[base], base)
            elif previous[base] != targets[base]:
                self._call('move alias %s' % base, self.client.alter_alias, targets[base], base)
        self._drop_old(targets, previous)
        self._targets.clear()
        return {'changed': True, 'versions': targets, 'previous': previous,
                'skills': len(skills), 'exemplars': len(exemplars),
                'seconds': round(time.perf_counter() - started, 2)}

    def _drop_old(self, targets, previous):
        """Keep the new and the previous version (searches in flight), drop older ones."""
        keep = set(targets.values()) | {v for v in previous.values() if v}
        for name in self._call('list collections', self.client.list_collections):
            version = name[:-len(ROUTES)] if name.endswith(ROUTES) else name
            base = version.rsplit('_', 1)[0]
            if base in VERSIONED and version not in keep:
                self._call('drop %s' % name, self.client.drop_collection, name)
                self._loaded.discard(name)

    def _ensure_loaded(self, collection):
        """Load a collection once per process (Milvus Lite forgets loads on restart)."""
        if collection not in self._loaded:
            self._call('load %s' % collection, self.client.load_collection, collection)
            self._loaded.add(collection)

    # ------------------------------------------------------------------ search
    def search_vectors(self, vectors, collection: str = 'exemplars', k: int = 5):
        """Nearest rows for each query vector: lists of {id, task, text, data, score}."""
        target = self._resolve(collection)
        if target is None:
            return [[] for _ in vectors]
        return self.search_named(target, vectors, k)

    def _resolve(self, collection):
        """Return the collection to read for a name, or None for episodes not yet recorded.

        An alias' target is trusted for ALIAS_TTL_S seconds; an alias that does not exist
        yet is asked again every time and raises StoreEmpty (run a sync first).
        """
        if collection not in COLLECTIONS:
            raise ValueError('collection must be one of %s, got %r' % (
                ', '.join(COLLECTIONS), collection))
        if collection not in VERSIONED:
            return collection if self.client.has_collection(collection) else None
        cached = self._targets.get(collection)
        if cached is None or cached[0] is None or \
                time.monotonic() - cached[1] > ALIAS_TTL_S:
            cached = (self.active_version(collection), time.monotonic())
            self._targets[collection] = cached
        if cached[0] is None:
            raise StoreEmpty('the skill library at %s is empty: run `lam-ros skills sync`' %
                             self.uri)
        return cached[0]

    def search_named(self, name: str, vectors, k: int = 5):
        """Search a collection by its real name, through its routes when it has them."""
        data = [np.asarray(v, dtype=np.float32).tolist() for v in vectors]
        if name not in self._routed:
            self._routed[name] = bool(self.client.has_collection(name + ROUTES))
        self._ensure_loaded(name)
        partitions = {}
        if self._routed[name]:
            self._ensure_loaded(name + ROUTES)
            routes = self._call('route %s' % name, self.client.search, name + ROUTES,
                                data=data, limit=ROUTE_PROBES,
                                search_params=self.search_params)
            partitions = {'partition_names': sorted({'p%d' % h['id'] for per in routes
                                                     for h in per})}
        hits = self._call('search %s' % name, self.client.search, name, data=data, limit=k,
                          search_params=self.search_params,
                          output_fields=['text', 'task', 'data'],
                          **partitions)
        return [[{'id': h['id'], 'task': h['entity']['task'], 'text': h['entity']['text'],
                  'data': json.loads(h['entity']['data']), 'score': float(h['distance'])}
                 for h in per_query] for per_query in hits]

    def rows(self, collection: str, limit: int = 16384):
        """All rows of a collection (no vectors), ordered by id."""
        collection = self._resolve(collection)
        if collection is None:
            return []
        self._ensure_loaded(collection)
        found = self._call('query %s' % collection, self.client.query, collection,
                           filter='id >= 0', output_fields=['text', 'task', 'data'], limit=limit)
        return sorted(({'id': r['id'], 'task': r['task'], 'text': r['text'],
                        'data': json.loads(r['data'])} for r in found), key=lambda r: r['id'])

    # ------------------------------------------------------------------ episodes
    def record_episode(self, text: str, vector, plan: list, outcome: str, timing: dict) -> int:
        """Append a verified episode; returns its id. Survives restarts and syncs."""
        if not self.client.has_collection('episodes'):
            self._create('episodes', 'episodes')
        data = {'plan': plan, 'outcome': outcome, 'timing': timing,
                'created': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}
        row = {'text': text[:TEXT_MAX], 'task': '+'.join(s['task'] for s in plan)[:TEXT_MAX],
               'data': json.dumps(data), 'vec': np.asarray(vector, np.float32).tolist()}
        result = self._call('record an episode', self.client.insert, 'episodes', [row])
        self._call('flush episodes', self.client.flush, 'episodes')
        return int(result['ids'][0])


def cluster(vectors: np.ndarray, parts: int, iterations: int = 10, seed: int = 0):
    """Spherical k-means: (unit centroids, assignment of every vector), deterministic."""
    rng = np.random.default_rng(seed)
    sample = vectors[rng.choice(len(vectors), size=min(len(vectors), 100 * parts),
                                replace=False)]
    centroids = sample[rng.choice(len(sample), size=parts, replace=False)].copy()
    for _ in range(iterations):
        assign = np.argmax(sample @ centroids.T, axis=1)
        for k in range(parts):
            members = sample[assign == k]
            if len(members):
                centroids[k] = members.mean(axis=0)
        centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    assign = np.concatenate([np.argmax(vectors[i:i + 50000] @ centroids.T, axis=1)
                             for i in range(0, len(vectors), 50000)])
    return centroids, assign


def _short(err) -> str:
    text = str(err).strip().splitlines()
    return text[0][:300] if text else type(err).__name__
