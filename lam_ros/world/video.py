"""Write camera frames to an MP4 (H.264 via the ffmpeg that imageio-ffmpeg ships) or GIF."""

from pathlib import Path

import imageio.v2 as imageio


class VideoWriter:
    """Collects RGB frames (from a CalvinDesk camera, or added) and writes them on close."""

    def __init__(self, path, camera='static_camera', width=480, height=360, fps=15):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.camera, self.width, self.height, self.fps = camera, width, height, fps
        if self.path.suffix.lower() == '.gif':
            self._writer = imageio.get_writer(self.path, mode='I', duration=1.0 / fps, loop=0)
        else:
            self._writer = imageio.get_writer(self.path, fps=fps, codec='libx264', quality=6,
                                              macro_block_size=8, ffmpeg_log_level='error')
        self.frames = 0

    def __call__(self, desk):
        self.add(desk.render(self.camera, self.width, self.height))

    def add(self, frame):
        """Append one RGB frame (H x W x 3, uint8)."""
        self._writer.append_data(frame)
        self.frames += 1

    def close(self):
        self._writer.close()
