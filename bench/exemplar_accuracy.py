"""Top-1 exemplar retrieval accuracy on CALVIN's held-out validation instructions.

For every line of new_playtable_validation.yaml (evaluation only: never indexed,
trained or tuned on), embed it, take the nearest exemplar in Milvus and compare its
task with the line's task. The library is synced into a fresh temporary Milvus Lite
store unless --uri or --data-dir is given. Prints one JSON object.

Usage: python bench/exemplar_accuracy.py [--calvin ../shared/calvin] [--uri URI]
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

import yaml

from lam_ros.skills.library import default_calvin_dir, SkillLibrary

VALIDATION = 'new_playtable_validation.yaml'


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--calvin', default=None, help='CALVIN data folder')
    parser.add_argument('--uri', default=None, help='Milvus URI (default: a fresh Lite file)')
    parser.add_argument('--data-dir', default=None, help='lam_ros data directory')
    args = parser.parse_args(argv)
    calvin = Path(args.calvin) if args.calvin else default_calvin_dir()
    if calvin is None or not (calvin / VALIDATION).is_file():
        print('CALVIN validation file %s not found; pass --calvin DIR' % VALIDATION,
              file=sys.stderr)
        return 2
    lines = [(' '.join(str(t).split()), task)
             for task, texts in yaml.safe_load((calvin / VALIDATION).read_text()).items()
             for t in texts]
    with tempfile.TemporaryDirectory() as tmp:
        library = SkillLibrary(uri=args.uri, data_dir=args.data_dir or tmp, calvin_dir=calvin)
        try:
            library.sync()
            misses, latencies = [], []
            for text, task in lines:
                result = library.search(text, 'exemplars', k=1)
                latencies.append(result['latency_ms'])
                top = result['results'][0]
                if top['task'] != task:
                    misses.append({'text': text, 'expected': task, 'got': top['task'],
                                   'nearest_exemplar': top['text']})
        finally:
            library.close()
    latencies.sort()
    print(json.dumps({
        'file': str(calvin / VALIDATION), 'lines': len(lines),
        'top1_correct': len(lines) - len(misses),
        'top1_accuracy': round((len(lines) - len(misses)) / len(lines), 4),
        'latency_ms_p50': latencies[len(latencies) // 2], 'misses': misses}, indent=2))
    return 0


if __name__ == '__main__':
    sys.exit(main())
