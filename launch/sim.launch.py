"""Start the MuJoCo CALVIN desk simulator (node lam_sim) with its ros2_control-style topics."""

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
    return LaunchDescription([
        DeclareLaunchArgument('namespace', default_value='',
                              description='Namespace for the simulator topics'),
        DeclareLaunchArgument(
            'params_file',
            default_value=PathJoinSubstitution(
                [FindPackageShare('lam_ros'), 'config', 'sim.yaml']),
            description='Full path to the lam_sim parameter file'),
        DeclareLaunchArgument('use_sim_time', default_value='false',
                              description='Publish /clock and stamp messages in simulated time'),
        DeclareLaunchArgument('log_level', default_value='info',
                              description='Logging level (debug, info, warn, error)'),
        Node(
            package='lam_ros',
            executable='lam_sim',
            name='lam_sim',
            namespace=namespace,
            output='screen',
            parameters=[params_file, {'use_sim_time': use_sim_time}],
            arguments=['--ros-args', '--log-level', log_level],
        ),
    ])
