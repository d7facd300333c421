"""Where installed data lives: a source checkout, a pip install or a colcon install."""

import os
import sys
from pathlib import Path


class AssetNotFound(FileNotFoundError):
    """Package data could not be found."""


def share_path(relative: str, marker: str, env: str = None) -> Path:
    """Folder `relative` of the package share that contains `marker`.

    Looked up, in order: $env (if given), the checkout this module lives in (pip -e),
    <prefix>/share/lam_ros (setup.py data_files), the ament index (colcon install).
    """
    candidates = []
    if env and os.environ.get(env):
        candidates.append(Path(os.environ[env]))
    candidates.append(Path(__file__).resolve().parents[2] / relative)
    candidates.append(Path(sys.prefix) / 'share' / 'lam_ros' / relative)
    for path in candidates:
        if (path / marker).exists():
            return path
    try:
        from ament_index_python.packages import get_package_share_directory
        shared = Path(get_package_share_directory('lam_ros')) / relative
        if (shared / marker).exists():
            return shared
        candidates.append(shared)
    except (ImportError, LookupError, ValueError, OSError):
        pass
    raise AssetNotFound('lam_ros data %s not found; looked in %s%s' % (
        relative, ', '.join(str(p) for p in candidates),
        '. Set %s to the folder.' % env if env else ''))


def sim_dir() -> Path:
    """Directory holding desk.xml and robot.xml ($LAM_ROS_SIM_DIR overrides)."""
    return share_path('sim', 'desk.xml', 'LAM_ROS_SIM_DIR')


def desk_xml_path() -> Path:
    return sim_dir() / 'desk.xml'


def skills_dir() -> Path:
    """Directory of the built-in skill family YAML files."""
    return share_path('config/skills', 'drawer.yaml')
