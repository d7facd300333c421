"""Start the LAM node lam_node (configured and activated) with lam_perception.

    ros2 launch lam_ros lam.launch.py                 # for your robot's controllers and cameras
    ros2 launch lam_ros lam.launch.py sim:=true       # with lam_sim (MuJoCo desk)
    ros2 launch lam_ros lam.launch.py voice:=true     # with lam_voice (microphone)

lam_node grounds and checks on /lam/scene, which lam_perception publishes from the
cameras; with perception:=false something else must publish it (set lam_node's
scene_topic to /lam_sim/scene_state to use the simulator's oracle instead).
"""

from launch import LaunchDescription
from launch.actions import DeclareLaunchArgument, IncludeLaunchDescription
from launch.conditions import IfCondition
from launch.launch_description_sources import PythonLaunchDescriptionSource
from launch.substitutions import LaunchConfiguration, PathJoinSubstitution
from launch_ros.actions import Node
from launch_ros.substitutions import FindPackageShare


def generate_launch_description():
    namespace = LaunchConfiguration('namespace')
    params_file = LaunchConfiguration('params_file')
    use_sim_time = LaunchConfiguration('use_sim_time')
    log_level = LaunchConfiguration('log_level')
    autostart = LaunchConfiguration('autostart')
    share = FindPackageShare('lam_ros')
    return LaunchDescription([
        DeclareLaunchArgument('namespace', default_value='',
                              description='Namespace of the robot topics (controllers, '
                              'joint_states); /lam/* stay global'),
        DeclareLaunchArgument(
            'params_file', default_value=PathJoinSubstitution([share, 'config', 'lam.yaml']),
            description='Full path to the lam_node parameter file'),
        DeclareLaunchArgument('use_sim_time', default_value='false',
                              description='Use /clock (simulation time)'),
        DeclareLaunchArgument('log_level', default_value='info',
                              description='Logging level (debug, info, warn, error)'),
        DeclareLaunchArgument('autostart', default_value='true',
                              description='Configure and activate lam_node at start-up'),
        DeclareLaunchArgument('sim', default_value='false',
                              description='Also start the MuJoCo desk simulator (lam_sim)'),
        DeclareLaunchArgument('perception', default_value='true',
                              description='Also start lam_perception (/lam/scene from the '
                              'cameras)'),
        DeclareLaunchArgument('voice', default_value='false',
                              description='Also start lam_voice (spoken commands)'),
        IncludeLaunchDescription(
            PythonLaunchDescriptionSource(PathJoinSubstitution([share, 'launch',
                                                                'sim.launch.py'])),
            condition=IfCondition(LaunchConfiguration('sim')),
            launch_arguments={'namespace': namespace, 'use_sim_time': use_sim_time,
                              'log_level': log_level}.items()),
        IncludeLaunchDescription(
            PythonLaunchDescriptionSource(PathJoinSubstitution([share, 'launch',
                                                                'perception.launch.py'])),
            condition=IfCondition(LaunchConfiguration('perception')),
            launch_arguments={'namespace': namespace, 'use_sim_time': use_sim_time,
                              'log_level': log_level}.items()),
        IncludeLaunchDescription(
            PythonLaunchDescriptionSource(PathJoinSubstitution([share, 'launch',
                                                                'voice.launch.py'])),
            condition=IfCondition(LaunchConfiguration('voice')),
            launch_arguments={'namespace': namespace, 'use_sim_time': use_sim_time,
                              'log_level': log_level}.items()),
        Node(
            package='lam_ros',
            executable='lam_node',
            name='lam_node',
            namespace=namespace,
            output='screen',
            parameters=[params_file, {'use_sim_time': use_sim_time, 'autostart': autostart}],
            arguments=['--ros-args', '--log-level', log_level],
        ),
    ])
