"""Evaluate command understanding: accuracy, refusals and latency, against a baseline.

Sets (plans with --scene none, the intent alone):
- CALVIN new_playtable_validation.yaml: 34 held-out instructions, one per task;
- CALVIN enrich_lang_annotations.json: paraphrases of the 34 tasks (RoboFlamingo);
  lines judged malformed are listed in the output, not counted;
- bench/data/language_heldout29.yaml, language_heldout50.yaml, language_heldout59.yaml,
  language_heldout65.yaml, language_heldout68.yaml, language_heldout71.yaml,
  language_heldout75.yaml, language_heldout79.yaml, language_heldout84.yaml,
  language_heldout87.yaml and language_heldout94.yaml: our own
  held-out compound commands (exact plan match) and commands that must be refused (plus one
  over-long command), each
  written blind by someone who never ran them through the planner before its first
  evaluation (each file's header gives that result; nothing is fixed from them). Reported
  together and per set.
Both CALVIN files are evaluation-only: nothing in lam_ros is indexed, trained or tuned
on them, and by default the report does not print their missed lines (--misses does).
Every command goes through `lam-ros plan --json --scene none --file -` in one process
(models loaded once), which also gives the per-command latency. Two baselines run on
the same lines: plain nearest-exemplar retrieval (embedding top-1 from Milvus, no
parsing) and the intent model alone (its top-1 on the whole text, no parsing, no
refusals). Prints one JSON object.

Usage: python bench/language.py [--calvin ../shared/calvin] [--misses]
"""

import argparse
import collections
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import yaml

from lam_ros.language.intent_model import IntentModel
from lam_ros.skills.library import default_calvin_dir, SkillLibrary

HERE = Path(__file__).resolve().parent
MAX_PARAPHRASE = 200


REFUSAL_KINDS = (('unknown word', 'I do not know "'),
                 ('no skill matches a clause', 'matches none of my skills'),
                 ('no skill matches a clause', 'is not one of my skills'),
                 ('block not said', 'which block'),
                 ('direction not said', 'left or right'),
                 ('unsafe', 'destructive or unsafe'),
                 ('absent object', 'there is no'))


def refusal_kind(reason):
    """Return the kind of a refusal reason (counts only: the lines stay unseen)."""
    return next((kind for kind, mark in REFUSAL_KINDS if mark in reason), 'other')


def malformed_reason(line):
    """Why a paraphrase line is not a usable instruction, or None."""
    if not isinstance(line, str):
        return 'not a string'
    if not line.strip():
        return 'empty'
    if '\n' in line.strip() or '\t' in line:
        return 'contains a line break or tab'
    if len(line) > MAX_PARAPHRASE:
        return 'longer than %d characters' % MAX_PARAPHRASE
    if not re.search(r'[a-zA-Z]{2}', line):
        return 'no words'
    if re.match(r'^\s*(?:\d+[.)]|[-*•#])\s', line):
        return 'list marker, not an instruction'
    if re.search(r'(?i)\b(paraphrase|instruction|sentence|here are|rephrase)\b', line):
        return 'text about the annotation, not an instruction'
    if re.search(r'[{}\[\]<>|\\]', line):
        return 'markup characters'
    return None


def run_planner(lines, data_dir, calvin):
    proc = subprocess.run(
        [sys.executable, '-m', 'lam_ros.cli.main', 'plan', '--json', '--scene', 'none',
         '--data-dir', str(data_dir), '--calvin', str(calvin), '--file', '-'],
        input=''.join(line.replace('\n', ' ') + '\n' for line in lines), capture_output=True,
        text=True, timeout=1800)
    if proc.returncode != 0:
        raise RuntimeError('lam-ros plan failed: %s' % proc.stderr[-2000:])
    results = [json.loads(x) for x in proc.stdout.splitlines() if x.strip()]
    assert len(results) == len(lines), (len(results), len(lines), proc.stderr[-2000:])
    return results


# Held-out sets (bench/data/language_heldoutN.yaml), never fixed from
HELDOUT = ('29', '50', '59', '65', '68', '71', '75', '79', '84', '87', '94', '102', '113',
           '117')


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--calvin', default=None, help='CALVIN data folder')
    parser.add_argument('--misses', action='store_true', help='also print the CALVIN lines '
                        'the planner missed (evaluation data: read, never tune on them)')
    args = parser.parse_args(argv)
    calvin = Path(args.calvin) if args.calvin else default_calvin_dir()
    if calvin is None or not (calvin / 'new_playtable_validation.yaml').is_file():
        print('CALVIN data not found; pass --calvin DIR', file=sys.stderr)
        return 2
    validation = [(' '.join(str(t).split()), task) for task, texts in yaml.safe_load(
        (calvin / 'new_playtable_validation.yaml').read_text()).items() for t in texts]
    enrich_raw = json.loads((calvin / 'enrich_lang_annotations.json').read_text())
    enrich, malformed = [], []
    for task, texts in enrich_raw.items():
        for line in texts:
            reason = malformed_reason(line)
            if reason:
                malformed.append({'task': task, 'line': line, 'why': reason})
            else:
                enrich.append((' '.join(line.split()), task))
    compound, refuse, compound_set, refuse_set = [], [], [], []
    for name in HELDOUT:
        heldout = yaml.safe_load((HERE / 'data' / ('language_heldout%s.yaml' % name)).read_text())
        compound += [(c['text'], c['plan']) for c in heldout['compound']]
        refuse += [c['text'] for c in heldout['must_refuse']]
        compound_set += [name] * len(heldout['compound'])
        refuse_set += [name] * len(heldout['must_refuse'])
    refuse.append('open the drawer ' * 30)
    refuse_set.append(HELDOUT[0])

    lines = ([t for t, _ in validation] + [t for t, _ in enrich] + [t for t, _ in compound] +
             refuse)
    with tempfile.TemporaryDirectory() as tmp:
        # The planner process syncs the store and exits before the baseline opens it:
        # Milvus Lite allows one process per database file.
        results = run_planner(lines, tmp, calvin)
        library = SkillLibrary(data_dir=tmp, calvin_dir=calvin)
        baseline = [library.search(t, k=1)['results'][0]['task'] if t.strip() else None
                    for t in lines]
        model = IntentModel()
        model_only = []
        for t in lines:
            _, tokens, mask = library.encoder.encode_tokens([t])
            model_only.append(model.labels[int(model.predict(tokens, mask)[0].argmax())]
                              if t.strip() else None)
        library.close()

    def split(seq):
        a, b = len(validation), len(validation) + len(enrich)
        c = b + len(compound)
        return seq[:a], seq[a:b], seq[b:c], seq[c:]

    r_val, r_enr, r_cmp, r_ref = split(results)
    b_val, b_enr, b_cmp, b_ref = split(baseline)
    m_val, m_enr, _, _ = split(model_only)

    def top1(res, expected):
        return bool(res['ok']) and [s['task'] for s in res['steps'] if not s['auto']][:1] == [
            expected]

    def single(res, expected):
        return bool(res['ok']) and [s['task'] for s in res['steps']] == [expected]

    def task_set(res, base, model, data, show):
        misses = [{'text': t, 'expected': e, 'got': (
            [s['task'] for s in r['steps']] if r['ok'] else 'refused: ' + r['reason'])}
            for r, (t, e) in zip(res, data) if not top1(r, e)]
        refused = sum(not r['ok'] for r in res)
        kinds = collections.Counter(refusal_kind(r['reason']) for r in res if not r['ok'])
        out = {'lines': len(data),
               'planner_top1_accuracy': round(1 - len(misses) / len(data), 4),
               'planner_exact_single_step': round(
                   sum(single(r, e) for r, (_, e) in zip(res, data)) / len(data), 4),
               'planner_refused': refused,
               'planner_wrong_task': len(misses) - refused,
               'planner_refusal_kinds': dict(kinds.most_common()),
               'baseline_nearest_exemplar_top1': round(
                   sum(b == e for b, (_, e) in zip(base, data)) / len(data), 4),
               'baseline_intent_model_alone_top1': round(
                   sum(m == e for m, (_, e) in zip(model, data)) / len(data), 4),
               'per_task_planner': {task: round(
                   sum(top1(r, e) for r, (_, e) in zip(res, data) if e == task) /
                   max(1, sum(e == task for _, e in data)), 2)
                   for task in sorted({e for _, e in data})}}
        if show:
            out['misses'] = misses
        return out

    exact = [r['ok'] and [s['task'] for s in r['steps']] == p
             for r, (_, p) in zip(r_cmp, compound)]
    refused_ok = [not r['ok'] for r in r_ref]

    def per_set(flags, sets):
        return {name: '%d/%d' % (sum(f for f, s in zip(flags, sets) if s == name),
                                 sets.count(name)) for name in HELDOUT}

    compound_fail = [{'text': t, 'expected': p, 'got': (
        [s['task'] for s in r['steps'] if not s['auto']] if r['ok'] else
        'refused: ' + r['reason'])}
        for r, (t, p) in zip(r_cmp, compound)
        if not (r['ok'] and [s['task'] for s in r['steps']] == p)]
    not_refused = [{'text': t, 'got': [s['task'] for s in r['steps']]}
                   for r, t in zip(r_ref, refuse) if r['ok']]
    latencies = [r['latency_ms'] for r in results]
    report = {
        'benchmark': 'language', 'scene': 'none (intent only)',
        'validation': task_set(r_val, b_val, m_val, validation, True),
        'enrich': dict(task_set(r_enr, b_enr, m_enr, enrich, args.misses), malformed=malformed,
                       malformed_count=len(malformed)),
        'compound': {'commands': len(compound),
                     'planner_exact_plan_match': round(1 - len(compound_fail) / len(compound),
                                                       4),
                     'baseline_exact_plan_match': round(sum(
                         [b] == p for b, (_, p) in zip(b_cmp, compound)) / len(compound), 4),
                     'per_set': per_set(exact, compound_set),
                     'failures': compound_fail},
        'must_refuse': {'commands': len(refuse),
                        'planner_refused': round(1 - len(not_refused) / len(refuse), 4),
                        'baseline_refused': round(sum(b is None for b in b_ref) / len(refuse),
                                                  4),
                        'per_set': per_set(refused_ok, refuse_set),
                        'not_refused': not_refused},
        'latency_ms': {'mode': 'lam-ros plan --file (one process)', 'commands': len(latencies),
                       'p50': round(float(np.percentile(latencies, 50)), 2),
                       'p95': round(float(np.percentile(latencies, 95)), 2),
                       'max': round(float(max(latencies)), 2)},
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == '__main__':
    sys.exit(main())
