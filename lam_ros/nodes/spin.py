"""Run one node in its own process until Ctrl-C, then stop it cleanly: the nodes' `main`."""

import rclpy
from rclpy.executors import ExternalShutdownException


def run(make_node, args=None, errors=()):
    """Create the node with make_node(), spin it, and on exit call its stop() and destroy it.

    errors: exception types that mean a bad configuration: printed, exit code 2.
    """
    rclpy.init(args=args)
    node = None
    try:
        node = make_node()
        rclpy.spin(node)
    except (KeyboardInterrupt, ExternalShutdownException):
        pass
    except tuple(errors) as err:
        print('%s: %s' % (getattr(node, 'get_name', lambda: 'lam_ros')(), err), flush=True)
        raise SystemExit(2)
    finally:
        if node is not None:
            node.stop()
            node.destroy_node()
        rclpy.try_shutdown()
