"""Where the MJCF world files are: a source checkout, a pip install or a colcon install."""

import os
import sys
from pathlib import Path


class AssetNotFound(FileNotFoundError):
    """The world model files could not be found."""


def sim_dir() -> Path:
    """Directory holding desk.xml and robot.xml.

    Looked up, in order: $LAM_ROS_SIM_DIR, the checkout this module lives in (pip -e),
    <prefix>/share/lam_ros/sim (setup.py data_files, colcon install).
    """
    candidates = []
    if os.environ.get('LAM_ROS_SIM_DIR'):
        candidates.append(Path(os.environ['LAM_ROS_SIM_DIR']))
    candidates.append(Path(__file__).resolve().parents[2] / 'sim')
    candidates.append(Path(sys.prefix) / 'share' / 'lam_ros' / 'sim')
    for path in candidates:
        if (path / 'desk.xml').is_file():
            return path
    try:
        from ament_index_python.packages import get_package_share_directory
        shared = Path(get_package_share_directory('lam_ros')) / 'sim'
        if (shared / 'desk.xml').is_file():
            return shared
        candidates.append(shared)
    except (ImportError, LookupError, ValueError, OSError):
        pass
    raise AssetNotFound(
        'lam_ros world model desk.xml not found; looked in %s. Set LAM_ROS_SIM_DIR to the '
        'folder holding desk.xml.' % ', '.join(str(p) for p in candidates))


def desk_xml_path() -> Path:
    return sim_dir() / 'desk.xml'
