"""The skill library as lam_ros uses it: specs + exemplars + encoder + Milvus store.

This is the one place that knows where things live:
- built-in skill specs: config/skills/*.yaml (installed under share/lam_ros);
- the user's data directory ($LAM_ROS_DATA_DIR, default ~/.local/share/lam_ros):
  `skills.db` (Milvus Lite, unless a server URI is given), `skills/*.yaml` (skills added
  with `lam-ros skills add`) and `embeddings.sqlite` (the embedding cache);
- CALVIN training annotations (new_playtable.yaml) for exemplars, from a folder given
  by argument or $LAM_ROS_CALVIN_DIR, else ../shared/calvin beside the checkout.
  The evaluation-only files of that folder are never read here.
"""

import json
import logging
import os
import shutil
import time
from pathlib import Path

import yaml

from lam_ros.skills.encoder import EmbeddingCache, TextEncoder
from lam_ros.skills.spec import load_family, load_library, SpecError
from lam_ros.skills.store import is_local, SkillStore
from lam_ros.world.assets import skills_dir

log = logging.getLogger(__name__)

CALVIN_TRAINING = 'new_playtable.yaml'
EVALUATION_ONLY = ('new_playtable_validation.yaml', 'enrich_lang_annotations.json')


def default_data_dir() -> Path:
    if os.environ.get('LAM_ROS_DATA_DIR'):
        return Path(os.environ['LAM_ROS_DATA_DIR'])
    base = os.environ.get('XDG_DATA_HOME') or os.path.join(os.path.expanduser('~'), '.local',
                                                           'share')
    return Path(base) / 'lam_ros'


def default_calvin_dir():
    """Return the CALVIN data folder if configured or beside the checkout, else None."""
    if os.environ.get('LAM_ROS_CALVIN_DIR'):
        return Path(os.environ['LAM_ROS_CALVIN_DIR'])
    beside = Path(__file__).resolve().parents[3] / 'shared' / 'calvin'
    return beside if beside.is_dir() else None


def calvin_training_exemplars(calvin_dir) -> list:
    """(text, task) pairs from CALVIN's training annotations; never the evaluation files."""
    path = Path(calvin_dir)
    if path.name in EVALUATION_ONLY:
        raise ValueError('%s is evaluation-only data and must not be indexed' % path)
    if path.is_dir():
        path = path / CALVIN_TRAINING
    if not path.is_file():
        raise FileNotFoundError('CALVIN training annotations not found at %s' % path)
    data = yaml.safe_load(path.read_text())
    pairs = []
    for task, texts in data.items():
        for text in texts or []:
            pairs.append((' '.join(str(text).lower().split()), task))
    return pairs


class SkillLibrary:
    """Load, sync and search the skill library."""

    def __init__(self, uri=None, data_dir=None, calvin_dir=None, encoder=None,
                 spec_dirs=None):
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        self.uri = str(uri) if uri else str(self.data_dir / 'skills.db')
        self.calvin_dir = Path(calvin_dir) if calvin_dir else default_calvin_dir()
        self.user_dir = self.data_dir / 'skills'
        self.spec_dirs = list(spec_dirs) if spec_dirs else [skills_dir()]
        self.store = SkillStore(self.uri)
        self.encoder = encoder or TextEncoder()
        self.cache = EmbeddingCache(self.data_dir / 'embeddings.sqlite', self.encoder)

    def close(self):
        self.cache.close()
        self.store.close()

    # ------------------------------------------------------------------ content
    def spec_paths(self):
        paths = list(self.spec_dirs)
        if self.user_dir.is_dir():
            paths.append(self.user_dir)
        return paths

    def load_specs(self) -> dict:
        """All validated task specs (built-in and user); raises SpecError."""
        return load_library(self.spec_paths())

    def exemplar_rows(self, specs: dict) -> list:
        """Exemplars: CALVIN training annotations plus the specs' own phrasings."""
        pairs = []
        if self.calvin_dir is not None:
            try:
                pairs += [(t, task, 'calvin_train')
                          for t, task in calvin_training_exemplars(self.calvin_dir)
                          if task in specs]
            except FileNotFoundError as err:
                log.warning('%s; exemplars come from the skill specs only', err)
        for spec in specs.values():
            pairs += [(p.lower(), spec.name, 'generated') for p in spec.phrasings]
        seen, rows = set(), []
        for text, task, source in pairs:
            if (text, task) in seen:
                continue
            seen.add((text, task))
            rows.append({'id': len(rows), 'text': text, 'task': task,
                         'data': json.dumps({'args': specs[task].args, 'source': source})})
        return rows

    @staticmethod
    def skill_rows(specs: dict) -> list:
        return [{'id': s.policy_skill_id, 'text': s.text(), 'task': s.name,
                 'data': json.dumps({'family': s.family, 'primitive': s.primitive,
                                     'args': s.args, 'description': s.description,
                                     'preconditions': s.preconditions, 'effects': s.effects,
                                     'safety': s.safety, 'policy_skill_id': s.policy_skill_id},
                                    sort_keys=True)}
                for s in sorted(specs.values(), key=lambda s: s.policy_skill_id)]

    # ------------------------------------------------------------------ operations
    def sync(self) -> dict:
        """Validate all specs and install them with their exemplars (idempotent)."""
        specs = self.load_specs()
        report = self.store.sync(self.skill_rows(specs), self.exemplar_rows(specs),
                                 self.cache.encode, self.encoder.model_id)
        report['uri'] = self.uri
        report['embedded'] = self.cache.misses
        return report

    def search(self, text: str, collection: str = 'exemplars', k: int = 5) -> dict:
        """Top-k rows for a text, with the end-to-end latency in ms."""
        started = time.perf_counter()
        vector = self.encoder.encode([text])[0]
        hits = self.store.search_vectors([vector], collection, k)[0]
        latency = (time.perf_counter() - started) * 1000.0
        results = [dict({'task': h['task'], 'score': round(h['score'], 4), 'text': h['text']},
                        **({'args': h['data'].get('args')} if collection != 'episodes' else
                           {'plan': h['data'].get('plan'), 'outcome': h['data'].get('outcome')}))
                   for h in hits]
        return {'results': results, 'latency_ms': round(latency, 2)}

    def list_skills(self) -> list:
        return [dict(h['data'], task=h['task']) for h in self.store.rows('skills')]

    def add(self, spec_file) -> dict:
        """Validate a user's family file against the library, install it and sync.

        Nothing is written when the file is invalid or clashes with existing skills.
        """
        family = load_family(spec_file)
        target = self.user_dir / ('%s.yaml' % family.name)
        existing = load_library(self.spec_paths())
        if target.is_file():            # replacing the user's own earlier version
            existing = {k: v for k, v in existing.items() if v.family != family.name}
        if any(t.family == family.name for t in existing.values()):
            raise SpecError(spec_file, 'family', '%r is a built-in family' % family.name)
        for name, task in family.tasks.items():
            if name in existing:
                raise SpecError(spec_file, 'tasks.%s' % name, 'is already defined by family %r' %
                                existing[name].family)
            clash = [t.name for t in existing.values()
                     if t.policy_skill_id == task.policy_skill_id]
            if clash:
                raise SpecError(spec_file, 'tasks.%s.policy_skill_id' % name,
                                '%d is already used by %s' % (task.policy_skill_id, clash[0]))
        self.user_dir.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix('.tmp')
        shutil.copyfile(spec_file, tmp)
        os.replace(tmp, target)
        report = self.sync()
        report['added'] = sorted(family.tasks)
        report['file'] = str(target)
        return report

    def record_episode(self, text, plan, outcome, timing) -> int:
        vector = self.encoder.encode([text])[0]
        return self.store.record_episode(text, vector, plan, outcome, timing)

    @property
    def local(self) -> bool:
        return is_local(self.uri)
