"""journal: a terminal daily-notes app."""

__version__ = "0.2.0"
"""This source's version; the build copies it into the package metadata (pyproject.toml reads it from here)."""
