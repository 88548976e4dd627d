"""journal: a terminal daily-notes app."""

__version__ = "0.1.0"
