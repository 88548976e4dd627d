"""Alembic environment. The app passes its SQLite URL in the config; developers use JOURNAL_HOME."""

from __future__ import annotations

from alembic import context
from sqlalchemy import URL, create_engine, event

from journal.models import Base

config = context.config


def _url() -> URL | str:
    """The database the app passes (journal.db.alembic_config), a configured URL, or JOURNAL_HOME's.
    A path goes in as a URL object: in a URL string, a `?` or `#` in it would end the file name."""
    path = config.attributes.get("db_path")
    if path is not None:
        return URL.create("sqlite", database=str(path))
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from journal.config import DB_NAME, resolve_home

    return URL.create("sqlite", database=str(resolve_home() / DB_NAME))


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=Base.metadata, render_as_batch=True, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Every migration in one transaction: an upgrade commits whole or not at all. SQLite's DDL is
    transactional, but Python's sqlite3 commits before DDL on its own; so it is told to stay out of
    transaction control and the transaction is begun here (SQLAlchemy's recipe for pysqlite)."""
    engine = create_engine(_url())

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 10000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,
            transactional_ddl=True,  # Alembic assumes SQLite cannot; with the BEGIN above it can
            transaction_per_migration=False,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
