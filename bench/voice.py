"""Evaluate the voice front-end: word error rate, plan accuracy and speed, clean and noisy.

The commands (test/data/voice_commands.yaml, own wording, each with the CALVIN task list
the planner gives for its text) are spoken by espeak-ng in two voices at two speaking
rates, with half a second of silence before and after, then recognised clean and with
white noise added at --snr dB (relative to the active speech level). Each clip goes
through the same path as the node: VAD (cuts the utterance out of the recording), then
pocketsphinx with the language model generated from the skill library. The transcripts
(all of them, accepted or not) are planned in one `lam-ros plan --json --scene none
--file -` process; plan accuracy is an exact match of the task list. `accepted` and
`accepted_plan_accuracy` apply the node's confidence threshold (--threshold): the share
published on /lam/command, and how often a published command plans right.
`noise_only` runs --noise-seconds of noise alone (at the noisy clips' level) through
the listener: what should be published is nothing.

The real-time factor is (VAD + decode time) / audio duration, with this process pinned
to one CPU core. Needs espeak-ng (apt install espeak-ng). Prints one JSON object.

Usage: python bench/voice.py [--voices en-us,en-us+f3] [--rates 150,190] [--snr 10]
       [--stretches 1.0,1.18]
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import yaml

from lam_ros.voice.audio import add_noise, FRAME_SAMPLES, rms, SAMPLE_RATE
from lam_ros.voice.grammar import build_model, normalize
from lam_ros.voice.listener import VoiceListener
from lam_ros.voice.recognizer import Recognizer
from lam_ros.voice.speech import espeak_available, synthesize

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = ROOT / 'test' / 'data' / 'voice_commands.yaml'
PAD_S = 0.5


def edit_distance(ref, hyp) -> int:
    """Word-level Levenshtein distance."""
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1]


def plan_all(texts) -> list:
    """Task lists (None when refused) for texts, from one `lam-ros plan` process."""
    exe = Path(sys.executable).with_name('lam-ros')
    cmd = [str(exe)] if exe.exists() else [sys.executable, '-m', 'lam_ros.cli.main']
    lines = [' '.join(t.split()) or 'nothing' for t in texts]
    proc = subprocess.run(cmd + ['plan', '--json', '--scene', 'none', '--file', '-'],
                          input='\n'.join(lines) + '\n', capture_output=True, text=True,
                          check=True, timeout=1800)
    out = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith('{')]
    if len(out) != len(lines):
        raise RuntimeError('lam-ros plan returned %d results for %d lines' % (
            len(out), len(lines)))
    return [[s['task'] for s in r['steps']] if r.get('ok') else None for r in out]


def pin_one_core():
    """Run on one CPU core (for the real-time factor); returns the core or None."""
    try:
        core = sorted(os.sched_getaffinity(0))[0]
        os.sched_setaffinity(0, {core})
        return core
    except (AttributeError, OSError):
        return None


def run_condition(listener, clips, snr):
    """Recognise every clip; return per-clip records."""
    records = []
    for clip in clips:
        audio = clip['audio'] if snr is None else add_noise(
            clip['audio'], snr, seed=clip['seed'], speech_level=clip['level'])
        listener.vad.reset()
        started = time.process_time()
        heard = listener.process(audio)
        cpu = time.process_time() - started
        text = ' '.join(h.text for h in heard if h.text)
        conf = min((h.confidence for h in heard), default=0.0)
        records.append({'clip': clip, 'text': text, 'confidence': conf,
                        'accepted': bool(heard) and all(h.accepted for h in heard),
                        'utterances': len(heard), 'cpu_s': cpu,
                        'audio_s': len(audio) / SAMPLE_RATE})
    return records


def summarize(records, plans):
    """Metrics of one condition (overall and per voice/rate)."""
    def metrics(rs):
        errors = sum(edit_distance(r['ref'].split(), r['text'].split()) for r in rs)
        words = sum(len(r['ref'].split()) for r in rs)
        right = [r['plan'] == r['clip']['tasks'] for r in rs]
        acc = [ok for ok, r in zip(right, rs) if r['accepted']]
        return {'clips': len(rs), 'wer': round(errors / max(words, 1), 4),
                'sentence_accuracy': round(float(np.mean([r['ref'] == r['text']
                                                          for r in rs])), 4),
                'plan_accuracy': round(float(np.mean(right)), 4),
                'accepted': round(len(acc) / len(rs), 4),
                'accepted_plan_accuracy': round(float(np.mean(acc)), 4) if acc else None,
                'wrong_plans_published': sum(1 for ok, r in zip(right, rs)
                                             if r['accepted'] and not ok),
                'mean_confidence': round(float(np.mean([r['confidence'] for r in rs])), 3),
                'real_time_factor': round(sum(r['cpu_s'] for r in rs) /
                                          sum(r['audio_s'] for r in rs), 4)}
    for r, plan in zip(records, plans):
        r['plan'], r['ref'] = plan, normalize(r['clip']['text'])
    out = metrics(records)
    out['by_voice_rate'] = {}
    for key in sorted({(r['clip']['voice'], r['clip']['rate']) for r in records}):
        rs = [r for r in records if (r['clip']['voice'], r['clip']['rate']) == key]
        m = metrics(rs)
        out['by_voice_rate']['%s@%d' % key] = {k: m[k] for k in (
            'wer', 'plan_accuracy', 'accepted', 'real_time_factor')}
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--commands', default=str(COMMANDS), help='command YAML')
    ap.add_argument('--voices', default='en-us,en-us+f3', help='espeak-ng voices')
    ap.add_argument('--rates', default='150,190', help='speaking rates, words per minute')
    ap.add_argument('--snr', type=float, default=10.0, help='noisy condition SNR in dB')
    ap.add_argument('--threshold', type=float, default=None,
                    help='confidence threshold (default: config/voice.yaml)')
    ap.add_argument('--stretches', default=None,
                    help='speaker stretches, e.g. 1.0,1.18 (default: config/voice.yaml)')
    ap.add_argument('--limit', type=int, default=None, help='first N commands only')
    ap.add_argument('--noise-seconds', type=float, default=30.0,
                    help='seconds of noise alone to check for false triggers')
    ap.add_argument('--misses', action='store_true', help='list the wrongly planned clips')
    args = ap.parse_args(argv)
    if not espeak_available():
        print('bench/voice.py: espeak-ng is not installed (apt install espeak-ng)',
              file=sys.stderr)
        return 2
    cfg = yaml.safe_load((ROOT / 'config' / 'voice.yaml').read_text())['lam_voice'][
        'ros__parameters']
    threshold = cfg['threshold'] if args.threshold is None else args.threshold
    stretches = cfg['stretches'] if args.stretches is None else [
        float(f) for f in args.stretches.split(',')]
    commands = yaml.safe_load(Path(args.commands).read_text())['commands'][:args.limit]
    core = pin_one_core()

    started = time.perf_counter()
    model = build_model()
    build_s = time.perf_counter() - started
    listener = VoiceListener(Recognizer(model, language_weight=cfg['language_weight'],
                                        warp=cfg['warp'], rescore=cfg['rescore'],
                                        stretches=stretches), mode='vad', threshold=threshold)

    clips, seed = [], 0
    pad = np.zeros(int(PAD_S * SAMPLE_RATE), np.int16)
    for voice in args.voices.split(','):
        for rate in (int(r) for r in args.rates.split(',')):
            for c in commands:
                speech = synthesize(c['text'], voice=voice, rate=rate)
                frames = speech[:len(speech) - len(speech) % FRAME_SAMPLES]
                frames = frames.reshape(-1, FRAME_SAMPLES).astype(np.float64)
                energy = np.sqrt(np.mean(frames ** 2, axis=1))
                level = rms(energy[energy > energy.max() * 0.01])
                seed += 1
                clips.append({'text': c['text'], 'tasks': c['tasks'], 'voice': voice,
                              'rate': rate, 'seed': seed, 'level': level,
                              'audio': np.concatenate([pad, speech, pad])})

    conditions = {'clean': None, 'snr%g' % args.snr: args.snr}
    records = {name: run_condition(listener, clips, snr) for name, snr in conditions.items()}
    flat = [r for rs in records.values() for r in rs]
    plans = plan_all([r['text'] for r in flat])
    report = {'commands': len(commands), 'clips_per_condition': len(clips),
              'voices': args.voices.split(','),
              'rates_wpm': [int(r) for r in args.rates.split(',')],
              'threshold': threshold, 'stretches': stretches, 'cpu_core': core,
              'model': {'key': model.key, 'words': len(model.vocabulary),
                        'sentences': model.sentences, 'load_or_build_s': round(build_s, 2)}}
    i = 0
    for name in conditions:
        n = len(records[name])
        report[name] = summarize(records[name], plans[i:i + n])
        if args.misses:
            report[name]['misses'] = [
                {'text': r['clip']['text'], 'heard': r['text'], 'voice': r['clip']['voice'],
                 'rate': r['clip']['rate'], 'plan': r['plan']}
                for r in records[name] if r['plan'] != r['clip']['tasks']]
        i += n

    # Noise alone, at the level of the noisy clips: nothing should be published.
    level = float(np.median([c['level'] for c in clips]))
    noise = add_noise(np.zeros(int(args.noise_seconds * SAMPLE_RATE), np.int16), args.snr,
                      seed=12345, speech_level=level)
    listener.vad.reset()
    heard = listener.process(noise)
    report['noise_only'] = {'seconds': args.noise_seconds, 'utterances': len(heard),
                            'published': sum(h.accepted for h in heard)}
    report['targets'] = {
        'plan_accuracy_clean>=0.90': report['clean']['plan_accuracy'] >= 0.90,
        'plan_accuracy_noisy>=0.80': report['snr%g' % args.snr]['plan_accuracy'] >= 0.80,
        'real_time_factor<0.3': max(report[n]['real_time_factor'] for n in conditions) < 0.3}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == '__main__':
    sys.exit(main())
