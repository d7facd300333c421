"""Run the exported policy with ONNX Runtime on the robot's GPU, or on the CPU.

`provider`: 'auto' (CUDA, with TensorRT first where that provider is present, else the
CPU), 'cuda' (fails if CUDA is not available) or 'cpu'. The provider that actually
runs is logged and exposed as `PolicyRunner.provider`. The model file and its metadata
are checked at construction (inputs, outputs, shapes, skills), and the session is warmed
up there, so a missing or incompatible model is a clear error at startup, never at the
first command. On a GPU, `io_binding=True` keeps the output on the device between calls.
"""

import json
import logging
from pathlib import Path

import numpy as np

from lam_ros.policy.features import OBS_DIM, OUT_DIM
from lam_ros.world.tasks import TASK_NAMES

log = logging.getLogger(__name__)

PROVIDERS = ('auto', 'cpu', 'cuda')


class PolicyError(RuntimeError):
    """The policy model cannot be used; the message says why."""


def default_policy_path() -> Path:
    """Return models/policy.onnx of this package (source tree or installed share)."""
    from lam_ros.world.assets import AssetNotFound, share_path
    try:
        return share_path('models', 'policy.onnx', 'LAM_ROS_MODELS_DIR') / 'policy.onnx'
    except AssetNotFound as err:
        raise PolicyError('%s (train one with `lam-ros train`)' % err) from err


def _providers(provider):
    import onnxruntime as ort
    available = ort.get_available_providers()
    if provider == 'cpu':
        return ['CPUExecutionProvider']
    gpu = [p for p in ('TensorrtExecutionProvider', 'CUDAExecutionProvider') if p in available]
    if provider == 'cuda':
        if 'CUDAExecutionProvider' not in available:
            raise PolicyError('provider cuda requested but ONNX Runtime here offers only %s '
                              '(install onnxruntime-gpu on a machine with CUDA)' % available)
        return gpu + ['CPUExecutionProvider']
    return gpu + ['CPUExecutionProvider']


class PolicyRunner:
    """The policy network behind one call: observation (55,) -> output (8,)."""

    def __init__(self, path=None, provider: str = 'auto', threads: int = 1,
                 io_binding: bool = False):
        if provider not in PROVIDERS:
            raise PolicyError('provider must be one of %s, got %r' % (
                ', '.join(PROVIDERS), provider))
        path = Path(path) if path else default_policy_path()
        if not path.is_file():
            raise PolicyError('policy model not found: %s (train one with `lam-ros train`)'
                              % path)
        meta_path = path.with_suffix('.json')
        if not meta_path.is_file():
            raise PolicyError('policy metadata not found: %s' % meta_path)
        try:
            self.meta = json.loads(meta_path.read_text())
        except ValueError as err:
            raise PolicyError('policy metadata %s is not JSON: %s' % (meta_path, err)) from err
        if self.meta.get('skills') != list(TASK_NAMES):
            raise PolicyError('policy %s was trained for other skills than this lam_ros '
                              '(%s)' % (path, meta_path))
        import onnxruntime as ort
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        try:
            self.session = ort.InferenceSession(str(path), options,
                                                providers=_providers(provider))
        except PolicyError:
            raise
        except Exception as err:     # onnxruntime raises its own exception types
            raise PolicyError('cannot load policy %s: %s' % (path, err)) from err
        inputs, outputs = self.session.get_inputs(), self.session.get_outputs()
        if [i.name for i in inputs] != ['obs'] or [o.name for o in outputs] != ['action']:
            raise PolicyError('policy %s has inputs %s and outputs %s; expected obs and action'
                              % (path, [i.name for i in inputs], [o.name for o in outputs]))
        if inputs[0].shape[-1] != OBS_DIM or outputs[0].shape[-1] != OUT_DIM:
            raise PolicyError('policy %s takes %s and gives %s; expected [batch, %d] -> '
                              '[batch, %d]' % (path, inputs[0].shape, outputs[0].shape,
                                               OBS_DIM, OUT_DIM))
        self.path = path
        self.provider = self.session.get_providers()[0]
        self._binding = None
        if io_binding and self.provider != 'CPUExecutionProvider':
            self._binding = self.session.io_binding()
        log.info('policy %s runs on %s', path.name, self.provider)
        self(np.zeros(OBS_DIM, np.float32))        # warm-up: first call allocates

    def __call__(self, obs) -> np.ndarray:
        """Network output (8,) for one observation (55,)."""
        x = np.asarray(obs, np.float32).reshape(1, OBS_DIM)
        if self._binding is None:
            return self.session.run(['action'], {'obs': x})[0][0]
        import onnxruntime as ort
        value = ort.OrtValue.ortvalue_from_numpy(x, 'cuda', 0)
        self._binding.bind_ortvalue_input('obs', value)
        self._binding.bind_output('action', 'cuda')
        self.session.run_with_iobinding(self._binding)
        return self._binding.copy_outputs_to_cpu()[0][0]
