"""Per-step inference latency of the action policy: ONNX Runtime vs torch eager, one run.

The same network (weights read from the ONNX file into a torch module) runs one
observation at a time, as the control loop calls it: ONNX Runtime on the CPU (1 thread)
and torch eager on the CPU (1 thread); where a GPU is available, ONNX Runtime with the
CUDA provider with and without I/O binding, with the device name. Prints one JSON
object with p50/p99 in milliseconds and the ratios, and the share of a 100 Hz control
period the ONNX CPU p50 takes.

Usage: python bench/policy.py [--policy models/policy.onnx] [--calls 5000]
"""

import argparse
import json
import sys
import time

import numpy as np

from lam_ros.policy.features import OBS_DIM
from lam_ros.policy.runtime import default_policy_path, PolicyRunner


def _timings(fn, x, calls):
    for _ in range(200):
        fn(x)
    out = np.empty(calls)
    for i in range(calls):
        start = time.perf_counter()
        fn(x)
        out[i] = (time.perf_counter() - start) * 1000.0
    return {'p50_ms': round(float(np.percentile(out, 50)), 4),
            'p99_ms': round(float(np.percentile(out, 99)), 4)}


def torch_module(path):
    """Rebuild the policy MLP in torch from the ONNX initializers (same weights)."""
    import onnx
    import torch
    from onnx import numpy_helper
    model = onnx.load(str(path))
    weights = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    mean = torch.from_numpy(weights['mean'].copy())
    scale = torch.from_numpy(weights['scale'].copy())
    layers = []
    for i in (0, 2, 4, 6):
        linear = torch.nn.Linear(1, 1)
        linear.weight = torch.nn.Parameter(torch.from_numpy(weights['body.%d.weight' % i].copy()))
        linear.bias = torch.nn.Parameter(torch.from_numpy(weights['body.%d.bias' % i].copy()))
        layers += [linear, torch.nn.GELU()]
    body = torch.nn.Sequential(*layers[:-1]).eval()

    def run(x):
        with torch.no_grad():
            return body((x - mean) / scale)
    return run


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--policy', default=None, help='ONNX policy (default models/policy.onnx)')
    parser.add_argument('--calls', type=int, default=5000, help='timed calls per case')
    args = parser.parse_args(argv)
    import torch
    torch.set_num_threads(1)
    path = args.policy or default_policy_path()
    obs = np.random.default_rng(0).normal(size=OBS_DIM).astype(np.float32)
    cpu = PolicyRunner(path, provider='cpu', threads=1)
    torch_run = torch_module(path)
    x = torch.from_numpy(obs.reshape(1, -1))
    same = float(np.max(np.abs(torch_run(x).numpy()[0] - cpu(obs))))
    report = {'benchmark': 'policy', 'model': str(path), 'observation_size': OBS_DIM,
              'onnxruntime_cpu': _timings(cpu, obs, args.calls),
              'torch_eager_cpu': _timings(torch_run, x, args.calls),
              'max_abs_difference_onnx_vs_torch': same}
    report['ratio_torch_over_onnx_p50'] = round(
        report['torch_eager_cpu']['p50_ms'] / report['onnxruntime_cpu']['p50_ms'], 2)
    report['share_of_100hz_period_onnx_cpu_p50'] = round(
        report['onnxruntime_cpu']['p50_ms'] / 10.0, 4)
    import onnxruntime as ort
    if 'CUDAExecutionProvider' in ort.get_available_providers():
        gpu = PolicyRunner(path, provider='cuda')
        bound = PolicyRunner(path, provider='cuda', io_binding=True)
        report['device'] = torch.cuda.get_device_name(0) if torch.cuda.is_available() else 'cuda'
        report['onnxruntime_cuda'] = _timings(gpu, obs, args.calls)
        report['onnxruntime_cuda_io_binding'] = _timings(bound, obs, args.calls)
    else:
        report['cuda'] = 'not available on this machine (%s)' % ', '.join(
            ort.get_available_providers())
    print(json.dumps(report, indent=2))
    return 0


if __name__ == '__main__':
    sys.exit(main())
