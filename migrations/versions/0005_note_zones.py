"""note zones: every note gets the zone it was written in, and the time it was typed

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 05:04:45.689827

A note's zone is chosen by journal.zones.settle (the same rule reads version-1 JSON exports): this
computer's zone when the stored moment falls on the note's day there, else the fixed offset that makes
them agree; moments and days are kept. Only a note back-dated by a day or more, which older versions
stamped with the time it was typed, gets a new moment (09:00 on its day); that stored time becomes its
`written_at`, as it does for every note. A revision's day is its entry's (days never changed before).
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MASTERCLASS_ZONE = "Asia/Seoul"  # the read-only masterclass notebook was written there


def upgrade() -> None:
    # Added in place (SQLite's ADD COLUMN, which needs a default for NOT NULL: '' — every write gives a
    # value), then filled: no copy of the table, so an upgrade needs the disk space of one pass over the
    # entries, not three.
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('zone', sa.String(length=64), server_default='', nullable=False))
        batch_op.add_column(sa.Column('written_at', sa.String(length=40), server_default='', nullable=False))
    with op.batch_alter_table('entry_revisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('day', sa.Date(), server_default='', nullable=False))

    _settle_zones(op.get_bind())


def _settle_zones(conn: sa.Connection) -> None:
    from journal import zones

    local = zones.machine_zone()
    rows = conn.execute(
        sa.text(
            "SELECT e.id, e.day, e.created_at, coalesce(n.read_only, 0) FROM entries e "
            "LEFT JOIN notebooks n ON n.id = e.notebook_id"
        )
    ).fetchall()
    changes = []
    for entry_id, day_text, stored, read_only in rows:
        zone, created = local or "+00:00", stored
        try:
            day = date.fromisoformat(day_text)
            moment = datetime.fromisoformat(stored)
        except (TypeError, ValueError):
            pass  # unreadable: kept as it is (no version of journal wrote such a row)
        else:
            zone, settled = zones.settle(moment, day, local, first=MASTERCLASS_ZONE if read_only else None)
            if settled != moment:
                created = settled.astimezone(UTC).isoformat()
        changes.append({"id": entry_id, "zone": zone, "written_at": stored, "created_at": created})
    if changes:
        conn.execute(
            sa.text(
                "UPDATE entries SET zone = :zone, written_at = :written_at, created_at = :created_at WHERE id = :id"
            ),
            changes,
        )
    conn.execute(
        sa.text("UPDATE entry_revisions SET day = (SELECT e.day FROM entries e WHERE e.id = entry_revisions.entry_id)")
    )


def downgrade() -> None:
    with op.batch_alter_table("entry_revisions", schema=None) as batch_op:
        batch_op.drop_column("day")

    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.drop_column("written_at")
        batch_op.drop_column("zone")
