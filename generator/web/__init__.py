"""`vanban serve`: the page for office staff and its JSON API (FastAPI, uvicorn)."""

from generator.web.app import Settings, create_app

__all__ = ["Settings", "create_app"]
