"""Start lam_perception: the scene state (/lam/scene) from the RGB-D cameras.

    ros2 launch lam_ros perception.launch.py
    ros2 launch lam_ros perception.launch.py params_file:=/path/to/perception.yaml

It reads <camera>/image_raw, <camera>/depth/image_raw, <camera>/camera_info and
joint_states (in `namespace`) and publishes /lam/scene and /lam/scene_markers.
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
                              description='Namespace of the camera and joint_states topics; '
                              '/lam/scene stays global'),
        DeclareLaunchArgument(
            'params_file',
            default_value=PathJoinSubstitution([share, 'config', 'perception.yaml']),
            description='Full path to the lam_perception parameter file'),
        DeclareLaunchArgument('use_sim_time', default_value='false',
                              description='Use /clock (simulation time)'),
        DeclareLaunchArgument('log_level', default_value='info',
                              description='Logging level (debug, info, warn, error)'),
        Node(
            package='lam_ros',
            executable='lam_perception',
            name='lam_perception',
            namespace=namespace,
            output='screen',
            parameters=[params_file, {'use_sim_time': use_sim_time}],
            arguments=['--ros-args', '--log-level', log_level],
        ),
    ])
