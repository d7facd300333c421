"""The recogniser's language model and dictionary, generated from what lam_ros understands.

A generic English model hears "open the drawer" as "oh and the war"; a model of the
commands this robot can act on hears the right words. The sentences come from:
- the skill specs (config/skills/*.yaml and user skills): phrasings and expanded
  templates, so a skill added with `lam-ros skills add` is heard after regeneration;
- the intent model's generated corpus (lam_ros.language.corpus), many wordings per task;
- CALVIN training annotations when available (never the evaluation files);
- two-step commands joined by the planner's sequence words ("and then", "after that");
- the lexicon's colour, object, place, unsafe and filler words inside short command
  frames, refusal words included, so that "put the cup in the drawer" is heard as such
  and refused by the planner instead of being forced onto a nearby valid command;
- the wake words, alone and before commands.
Sentences with a rarer, written word (lam_ros.language.corpus.WRITTEN_ONLY: "luminaire",
"wardrobe") are left out: the planner reads them when typed, but each such word in the
model is one more a spoken command can be misheard as.

From these it writes a 4-gram ARPA model (`write_arpa`: Witten-Bell discounting with
Katz backoff; a trigram let "push the pink block to the lamp" through, since "to the
lamp" backs off cheaply to "the lamp", while "block to the lamp" is never said) and a
dictionary with one entry per word: CMUdict pronunciations,
letter-by-letter spelling for acronyms ("LED" -> EH L IY D IY, next to CMUdict's
"led" L EH D), compounds split into CMUdict words ("lightbulb" -> light + bulb), and a
small rule-based grapheme-to-phoneme fallback for anything else.

Both files are cached under `<cache>/voice/<key>/`, the key being a hash of the
generator version and every source above; cache is $LAM_ROS_CACHE_DIR, else the data
directory (lam_ros.skills.library.default_data_dir()). Changing a skill file changes
the key, so the model regenerates by itself.
"""

import hashlib
import inspect
import json
import logging
import math
import os
import random
import re
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

GENERATOR_VERSION = 6
LM_ORDER = 4
WAKE_WORDS = ('robot', 'hey robot', 'okay robot')
SEQUENCE_JOINS = ('and', 'and then', 'then', 'and after that', 'after that', 'and also')
SPEC_WEIGHT = 3
CORE_PER_TASK = 300
DECORATED_PER_TASK = 60
COMPOUNDS = 6000
FILLERS = ('<s>', '</s>', '<sil>', '[NOISE]', '[SPEECH]', '++NOISE++')

LETTERS = {
    'a': 'EY', 'b': 'B IY', 'c': 'S IY', 'd': 'D IY', 'e': 'IY', 'f': 'EH F', 'g': 'JH IY',
    'h': 'EY CH', 'i': 'AY', 'j': 'JH EY', 'k': 'K EY', 'l': 'EH L', 'm': 'EH M',
    'n': 'EH N', 'o': 'OW', 'p': 'P IY', 'q': 'K Y UW', 'r': 'AA R', 's': 'EH S',
    't': 'T IY', 'u': 'Y UW', 'v': 'V IY', 'w': 'D AH B AH L Y UW', 'x': 'EH K S',
    'y': 'W AY', 'z': 'Z IY'}
# Rule-based fallback, longest grapheme first; good enough for rare invented words.
G2P = (('tion', 'SH AH N'), ('ough', 'AO'), ('igh', 'AY'), ('sch', 'S K'), ('tch', 'CH'),
       ('ch', 'CH'), ('sh', 'SH'), ('th', 'TH'), ('ph', 'F'), ('ck', 'K'), ('ng', 'NG'),
       ('qu', 'K W'), ('wh', 'W'), ('kn', 'N'), ('wr', 'R'), ('ee', 'IY'), ('ea', 'IY'),
       ('oo', 'UW'), ('ou', 'AW'), ('ow', 'OW'), ('ai', 'EY'), ('ay', 'EY'), ('oi', 'OY'),
       ('oy', 'OY'), ('au', 'AO'), ('aw', 'AO'), ('ie', 'IY'), ('ei', 'EY'), ('er', 'ER'),
       ('ir', 'ER'), ('ur', 'ER'), ('ar', 'AA R'), ('or', 'AO R'), ('a', 'AE'), ('b', 'B'),
       ('c', 'K'), ('d', 'D'), ('e', 'EH'), ('f', 'F'), ('g', 'G'), ('h', 'HH'), ('i', 'IH'),
       ('j', 'JH'), ('k', 'K'), ('l', 'L'), ('m', 'M'), ('n', 'N'), ('o', 'AA'), ('p', 'P'),
       ('q', 'K'), ('r', 'R'), ('s', 'S'), ('t', 'T'), ('u', 'AH'), ('v', 'V'), ('w', 'W'),
       ('x', 'K S'), ('y', 'IY'), ('z', 'Z'))
_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


@dataclass
class VoiceModel:
    """Paths of a generated language model, its dictionary and what they contain."""

    key: str
    directory: Path
    lm_path: Path
    dict_path: Path
    vocabulary: frozenset
    sentences: int

    @property
    def corpus_path(self) -> Path:
        """The generated sentences, one per line (for reading and debugging)."""
        return self.directory / 'corpus.txt'


def normalize(text: str) -> str:
    """Lower-case words as the recogniser outputs them: letters and inner apostrophes."""
    return ' '.join(t.lower() for t in _TOKEN.findall(text.replace('-', ' ')))


def acronyms(text: str) -> set:
    """Words written in capitals ("LED"): they also get a letter-by-letter pronunciation."""
    return {t.lower() for t in _TOKEN.findall(text) if len(t) >= 2 and t.isupper()}


def _spec_paths(spec_dirs=None):
    from lam_ros.skills.library import default_data_dir, skills_dir
    dirs = list(spec_dirs) if spec_dirs else [skills_dir(), default_data_dir() / 'skills']
    files = []
    for d in dirs:
        d = Path(d)
        files.extend(sorted(d.glob('*.yaml')) if d.is_dir() else ([d] if d.is_file() else []))
    return files


def _calvin_file():
    from lam_ros.skills.library import CALVIN_TRAINING, default_calvin_dir
    folder = default_calvin_dir()
    path = folder / CALVIN_TRAINING if folder is not None else None
    return path if path is not None and path.is_file() else None


def model_key(spec_files, use_calvin=True) -> str:
    """Hash of everything the model is generated from; changes when any of it does."""
    from lam_ros.language import corpus, lexicon
    h = hashlib.sha256(('voice-lm-%d' % GENERATOR_VERSION).encode())
    for path in spec_files:
        h.update(str(Path(path).name).encode())
        h.update(Path(path).read_bytes())
    for module in (corpus, lexicon):
        h.update(inspect.getsource(module).encode())
    calvin = _calvin_file() if use_calvin else None
    if calvin is not None:
        h.update(calvin.read_bytes())
    return h.hexdigest()[:20]


def cache_root() -> Path:
    """$LAM_ROS_CACHE_DIR/voice, else <data dir>/voice."""
    from lam_ros.skills.library import default_data_dir
    base = os.environ.get('LAM_ROS_CACHE_DIR')
    return (Path(base) if base else default_data_dir()) / 'voice'


# Lexicon lists said inside a command frame, so that their words come with context
# rather than as bare one-word sentences (which would let noise decode as "lower").
LEXICON_FRAMES = {
    'COLOURS': ('pick up the {} block', 'push the {} block to the left'),
    'OTHER_COLOURS': ('lift the {} block',),
    'UNKNOWN_OBJECTS': ('pick up the {}', 'put the {} in the drawer'),
    'ABSENT_PLACES': ('put the block in the {}',),
    'UNSAFE': ('{} the red block',),
    'FILLER': ('{} open the drawer',),
}


def _lexicon_phrases():
    from lam_ros.language import lexicon
    phrases = []
    for name, forms in LEXICON_FRAMES.items():
        value = getattr(lexicon, name, ())
        if isinstance(value, dict):
            value = [v for vs in value.values() for v in vs]
        for word in value:
            phrases.extend(form.format(word) for form in forms)
    return phrases


def generate_sentences(specs: dict, seed: int = 0, use_calvin: bool = True):
    """Return (sentences, raw texts) for the language model; see the module docstring."""
    from lam_ros.language import corpus
    rng = random.Random(seed)
    raw = []
    commands = []
    for task in specs.values():
        commands.extend(task.phrasings)
    commands = commands * SPEC_WEIGHT           # the specs' own wording counts most
    known = []
    for name in specs:
        try:
            corpus._task_text_core(random.Random(0), name)
            known.append(name)
        except (KeyError, IndexError, ValueError):
            pass        # a user skill the generator does not know: its phrasings suffice
    # Plain wordings per task (no politeness around them), then a smaller decorated set
    # with the prefixes and suffixes operators add ("could you please ... now").
    for name in known:
        commands.extend(dict.fromkeys(corpus._task_text_core(rng, name)
                                      for _ in range(CORE_PER_TASK)))
    commands.extend(text for text, _ in corpus.generate(known, per_task=DECORATED_PER_TASK,
                                                        none_count=600, seed=seed))
    calvin = _calvin_file() if use_calvin else None
    if calvin is not None:
        from lam_ros.skills.library import calvin_training_exemplars
        commands.extend(text for text, _ in calvin_training_exemplars(calvin))
    raw.extend(commands)
    core = [normalize(t) for t in commands]
    core = [t for t in core if t and corpus.WRITTEN_ONLY.isdisjoint(t.split())]
    sentences = list(core)
    # Multi-step commands: the cross-clause trigrams ("drawer and then", "then push").
    short = [t for t in core if len(t.split()) <= 9]
    for _ in range(COMPOUNDS):
        sentences.append('%s %s %s' % (rng.choice(short), rng.choice(SEQUENCE_JOINS),
                                       rng.choice(short)))
    for wake in WAKE_WORDS:
        sentences.extend([wake] * 20)
        sentences.extend('%s %s' % (wake, rng.choice(core)) for _ in range(300))
    phrases = [p for p in _lexicon_phrases()
               if corpus.WRITTEN_ONLY.isdisjoint(normalize(p).split())]
    raw.extend(phrases)
    sentences.extend(normalize(p) for p in phrases if normalize(p))
    return sentences, raw


class Pronouncer:
    """Pronunciations from CMUdict, with acronym spelling, compounds and a rule fallback."""

    def __init__(self, cmudict_path):
        self.entries = {}
        with open(cmudict_path, encoding='utf-8') as f:
            for line in f:
                word, _, phones = line.strip().partition(' ')
                if not phones:
                    continue
                base = word.split('(')[0]
                self.entries.setdefault(base, []).append(phones.split('#')[0].strip())

    def spell(self, word: str) -> str:
        """Letter-by-letter pronunciation ("led" -> EH L IY D IY)."""
        return ' '.join(LETTERS[c] for c in word if c in LETTERS)

    def g2p(self, word: str) -> str:
        """Rule-based guess for a word CMUdict lacks."""
        out, i = [], 0
        w = word.replace("'", '')
        while i < len(w):
            for graph, phones in G2P:
                if w.startswith(graph, i):
                    if not (graph == 'e' and i == len(w) - 1 and i > 0):   # silent final e
                        out.append(phones)
                    i += len(graph)
                    break
            else:
                i += 1
        return ' '.join(out) or self.spell(word)

    def compound(self, word: str):
        """Pronounce a word as two or three CMUdict words glued together, if it is one."""
        for cut in range(len(word) - 2, 1, -1):
            head, tail = word[:cut], word[cut:]
            if head in self.entries:
                if tail in self.entries:
                    return self.entries[head][0] + ' ' + self.entries[tail][0]
                for cut2 in range(len(tail) - 2, 1, -1):
                    if tail[:cut2] in self.entries and tail[cut2:] in self.entries:
                        return ' '.join((self.entries[head][0], self.entries[tail[:cut2]][0],
                                         self.entries[tail[cut2:]][0]))
        return None

    def pronounce(self, word: str, acronym: bool = False) -> list:
        """All pronunciations to put in the dictionary for `word`; never empty."""
        prons = list(self.entries.get(word, []))
        if acronym:
            prons.append(self.spell(word))
        if not prons:
            prons.append(self.compound(word) or self.g2p(word))
        return list(dict.fromkeys(prons))


def write_arpa(sentences, path, order: int = LM_ORDER):
    """Write an `order`-gram ARPA model of `sentences` (Witten-Bell, Katz backoff).

    P(w | h) = c(h, w) / (c(h) + T(h)) for a seen n-gram, T(h) being the number of
    different words seen after h; the mass T(h) / (c(h) + T(h)) left over goes to the
    lower order, scaled by the backoff weight so that P(. | h) sums to one.
    """
    counts = [None] + [defaultdict(int) for _ in range(order)]
    for sentence in sentences:
        words = ['<s>'] + sentence.split() + ['</s>']
        for n in range(1, order + 1):
            for i in range(len(words) - n + 1):
                counts[n][tuple(words[i:i + n])] += 1
    counts[1].pop(('<s>',), None)
    total = sum(counts[1].values())
    probs = [None, {g: c / total for g, c in counts[1].items()}]
    probs[1][('<s>',)] = 0.0
    history = [None] + [defaultdict(lambda: [0, 0]) for _ in range(order)]
    for n in range(2, order + 1):
        seen = history[n - 1]
        for gram, c in counts[n].items():
            seen[gram[:-1]][0] += c
            seen[gram[:-1]][1] += 1
        probs.append({gram: c / (seen[gram[:-1]][0] + seen[gram[:-1]][1])
                      for gram, c in counts[n].items()})
    backoff = [None] + [dict() for _ in range(order)]
    for n in range(1, order):
        lower = defaultdict(float)
        for gram in probs[n + 1]:
            lower[gram[:-1]] += probs[n][gram[1:]]
        for h, mass in lower.items():
            c, types = history[n][h]
            backoff[n][h] = (types / (c + types)) / max(1.0 - mass, 1e-9)
    lines = ['\\data\\'] + ['ngram %d=%d' % (n, len(probs[n])) for n in range(1, order + 1)]
    for n in range(1, order + 1):
        lines += ['', '\\%d-grams:' % n]
        for gram in sorted(probs[n]):
            p = probs[n][gram]
            line = '%.4f %s' % (math.log10(p) if p > 0 else -99.0, ' '.join(gram))
            if gram in backoff[n]:
                line += ' %.4f' % math.log10(max(backoff[n][gram], 1e-99))
            lines.append(line)
    lines += ['', '\\end\\', '']
    Path(path).write_text('\n'.join(lines), encoding='utf-8')


def build_model(spec_dirs=None, cache_dir=None, force: bool = False,
                use_calvin: bool = True) -> VoiceModel:
    """Return the cached model for the current skills and lexicon, generating it if needed."""
    from pocketsphinx import get_model_path
    from lam_ros.skills.spec import load_library
    files = _spec_paths(spec_dirs)
    if not files:
        raise FileNotFoundError('no skill spec files found for the voice language model')
    key = model_key(files, use_calvin)
    root = Path(cache_dir) if cache_dir else cache_root()
    directory = root / key
    meta_path = directory / 'meta.json'
    if meta_path.is_file() and not force:
        meta = json.loads(meta_path.read_text())
        return VoiceModel(key, directory, directory / 'lm.arpa', directory / 'words.dict',
                          frozenset(meta['vocabulary']), meta['sentences'])
    specs = load_library(files)
    sentences, raw = generate_sentences(specs, use_calvin=use_calvin)
    spelled = set()
    for text in raw + [t for s in specs.values() for t in s.phrasings]:
        spelled |= acronyms(text)
    vocabulary = sorted({w for s in sentences for w in s.split()})
    pron = Pronouncer(os.path.join(get_model_path(), 'en-us', 'cmudict-en-us.dict'))
    guessed = []
    lines = []
    for word in vocabulary:
        if word not in pron.entries and word not in spelled:
            guessed.append(word)
        for i, phones in enumerate(pron.pronounce(word, acronym=word in spelled)):
            lines.append('%s %s' % (word if i == 0 else '%s(%d)' % (word, i + 1), phones))
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix='.%s.' % key, dir=root))
    try:
        write_arpa(sentences, tmp / 'lm.arpa')
        (tmp / 'words.dict').write_text('\n'.join(lines) + '\n', encoding='utf-8')
        (tmp / 'corpus.txt').write_text('\n'.join(sentences) + '\n', encoding='utf-8')
        (tmp / 'meta.json').write_text(json.dumps({
            'key': key, 'spec_files': [str(f) for f in files], 'sentences': len(sentences),
            'vocabulary': vocabulary, 'spelled': sorted(spelled), 'guessed': guessed},
            indent=1))
        if directory.exists():
            shutil.rmtree(directory)
        os.replace(tmp, directory)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if guessed:
        log.info('voice model: %d words pronounced by rule: %s', len(guessed),
                 ' '.join(guessed[:20]))
    log.info('voice model %s: %d sentences, %d words, in %s', key, len(sentences),
             len(vocabulary), directory)
    return VoiceModel(key, directory, directory / 'lm.arpa', directory / 'words.dict',
                      frozenset(vocabulary), len(sentences))
