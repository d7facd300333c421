"""Start lam_voice: spoken commands to /lam/command, offline (pocketsphinx).

    ros2 launch lam_ros voice.launch.py                     # microphone, config/voice.yaml
    ros2 launch lam_ros voice.launch.py params_file:=/path/to/voice.yaml
"""

from launch import LaunchDescription
from launch.actions import DeclareLaunchArgument
from launch.substitutions import LaunchConfiguration, PathJoinSubstitution
from launch_ros.actions import Node
from launch_ros.substitutions import FindPackageShare


def generate_launch_description():
    namespace = LaunchConfiguration('namespace')
    params_file = LaunchConfiguration('params_file')
    use_sim_time = LaunchConfiguration('use_sim_time')
    log_level = LaunchConfiguration('log_level')
    share = FindPackageShare('lam_ros')
    return LaunchDescription([
        DeclareLaunchArgument('namespace', default_value='',
                              description='Namespace of the node (its ~/talk topic); '
                              '/lam/command and /lam/status stay global'),
        DeclareLaunchArgument(
            'params_file', default_value=PathJoinSubstitution([share, 'config', 'voice.yaml']),
            description='Full path to the lam_voice parameter file'),
        DeclareLaunchArgument('use_sim_time', default_value='false',
                              description='Use /clock (simulation time)'),
        DeclareLaunchArgument('log_level', default_value='info',
                              description='Logging level (debug, info, warn, error)'),
        Node(
            package='lam_ros',
            executable='lam_voice',
            name='lam_voice',
            namespace=namespace,
            output='screen',
            parameters=[params_file, {'use_sim_time': use_sim_time}],
            arguments=['--ros-args', '--log-level', log_level],
        ),
    ])
