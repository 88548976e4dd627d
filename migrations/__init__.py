"""Alembic's environment and versions. Installed as the package `journal._migrations` (pyproject.toml maps this
folder there) and found by `journal.resources`; developers run Alembic's CLI on it from the checkout (alembic.ini)."""
