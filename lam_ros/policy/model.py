"""The skill-conditioned policy network: training with torch, export to ONNX.

One MLP for all 34 skills: observation (55, lam_ros.policy.features) -> output (8):
keyframe relative to the target, yaw to go, speed, gripper logit, done logit. The
observation is normalised inside the network (mean and scale from the training data),
so the ONNX model takes raw observations.

ONNX I/O (fixed): input `obs` float32 [batch, 55]; output `action` float32 [batch, 8].
Metadata beside the model (`policy.json`): skills (task names in skill-id order),
observation and action layouts with units, control rate, training data hash, seed,
and the evaluation result once `lam-ros eval` has been run with `--record`.
"""

import hashlib
import json
import time
from pathlib import Path

import numpy as np

from lam_ros.policy.features import ACT_LAYOUT, OBS_DIM, OBS_LAYOUT, OUT_DIM
from lam_ros.world.tasks import TASK_NAMES

HIDDEN = 256
INPUT = 'obs'
OUTPUT = 'action'


def _network(mean, scale):
    import torch
    from torch import nn

    class Policy(nn.Module):
        def __init__(self):
            super().__init__()
            self.register_buffer('mean', torch.as_tensor(mean, dtype=torch.float32))
            self.register_buffer('scale', torch.as_tensor(scale, dtype=torch.float32))
            self.body = nn.Sequential(
                nn.Linear(OBS_DIM, HIDDEN), nn.GELU(), nn.Linear(HIDDEN, HIDDEN), nn.GELU(),
                nn.Linear(HIDDEN, HIDDEN), nn.GELU(), nn.Linear(HIDDEN, OUT_DIM))

        def forward(self, obs):
            return self.body((obs - self.mean) / self.scale)

    return Policy()


def _loss(pred, target):
    import torch.nn.functional as F
    offset = F.smooth_l1_loss(pred[:, 0:3] / 0.02, target[:, 0:3] / 0.02)
    yaw = F.mse_loss(pred[:, 3:5], target[:, 3:5]) * 10.0
    speed = F.mse_loss(pred[:, 5] / 0.1, target[:, 5] / 0.1)
    gripper = F.binary_cross_entropy_with_logits(pred[:, 6], target[:, 6])
    done = F.binary_cross_entropy_with_logits(pred[:, 7], target[:, 7])
    return offset + yaw + 0.5 * speed + gripper + done, {
        'offset': float(offset), 'yaw': float(yaw), 'gripper': float(gripper),
        'done': float(done)}


def train(demos_dir, out_path, seed=0, epochs=40, batch=512, log_fn=print) -> dict:
    """Train on DIR/demos.npz, export ONNX to out_path (+ .json); return the metadata."""
    import torch
    started = time.time()
    torch.manual_seed(seed)
    torch.set_num_threads(max(1, torch.get_num_threads()))
    rng = np.random.default_rng(seed)
    demos_dir = Path(demos_dir)
    data = np.load(demos_dir / 'demos.npz')
    obs, out, episode = data['obs'].astype(np.float32), data['out'].astype(np.float32), \
        data['episode']
    demos_meta = json.loads((demos_dir / 'demos.json').read_text())
    # hold out 5% of the episodes to report a validation loss
    episodes = np.unique(episode)
    held = set(rng.choice(episodes, size=max(1, len(episodes) // 20), replace=False).tolist())
    val_mask = np.isin(episode, list(held))
    mean = obs[~val_mask].mean(0)
    scale = obs[~val_mask].std(0)
    scale[scale < 1e-3] = 1.0
    net = _network(mean, scale)
    x_train, y_train = torch.from_numpy(obs[~val_mask]), torch.from_numpy(out[~val_mask])
    x_val, y_val = torch.from_numpy(obs[val_mask]), torch.from_numpy(out[val_mask])
    steps = epochs * ((len(x_train) + batch - 1) // batch)
    optimiser = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=1e-4)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=2e-3, total_steps=steps)
    for epoch in range(epochs):
        net.train()
        order = torch.from_numpy(rng.permutation(len(x_train)))
        total = 0.0
        for start in range(0, len(order), batch):
            idx = order[start:start + batch]
            loss, _ = _loss(net(x_train[idx]), y_train[idx])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item() * len(idx)
        if epoch % 5 == 4 or epoch == epochs - 1:
            net.eval()
            with torch.no_grad():
                val, parts = _loss(net(x_val), y_val)
            log_fn('epoch %d train %.4f val %.4f %s' % (
                epoch + 1, total / len(x_train), float(val),
                ' '.join('%s %.3f' % kv for kv in parts.items())))
    net.eval()
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_suffix('.tmp')
    with torch.no_grad():
        torch.onnx.export(net, (torch.zeros(1, OBS_DIM),), str(tmp), input_names=[INPUT],
                          output_names=[OUTPUT], opset_version=17, dynamo=False,
                          dynamic_axes={INPUT: {0: 'batch'}, OUTPUT: {0: 'batch'}})
    tmp.replace(out_path)
    meta = {
        'skills': list(TASK_NAMES),
        'inputs': {INPUT: 'float32 [batch, %d]' % OBS_DIM},
        'outputs': {OUTPUT: 'float32 [batch, %d]' % OUT_DIM},
        'observation': [list(x) for x in OBS_LAYOUT],
        'action': [list(x) for x in ACT_LAYOUT],
        'units': 'metres, radians, seconds, robot base frame; gripper and done are logits',
        'control_hz': demos_meta['control_hz'],
        'training': {'seed': seed, 'epochs': epochs, 'samples': int(len(obs)),
                     'episodes': int(len(episodes)), 'demos_sha256': demos_meta['sha256'],
                     'demos_seed': demos_meta['seed'],
                     'model_sha256': hashlib.sha256(out_path.read_bytes()).hexdigest(),
                     'seconds': round(time.time() - started, 1)},
    }
    out_path.with_suffix('.json').write_text(json.dumps(meta, indent=1) + '\n')
    return meta
