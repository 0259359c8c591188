"""The local web app: `create_app(db_path)` and `run(db_path, host, port)`."""

from .app import create_app, run

__all__ = ["create_app", "run"]
