"""draft windows: each app window keeps its own draft slots; an edit's draft knows the note's version

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 07:30:00.000000

Drafts typed before this revision belong to no window (`window_id` ''): the next app window to start
offers them, as it offers the drafts of a window that is gone.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("window_id", sa.String(length=36), server_default="", nullable=False))
        batch_op.add_column(sa.Column("entry_version", sa.String(length=40), nullable=True))
        batch_op.drop_constraint("uq_drafts_slot", type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_drafts_window_id"), ["window_id", "slot"])


def downgrade() -> None:
    # One draft per slot again: the newest keeps the slot, the others (other windows') are kept under
    # slots of their own rather than thrown away.
    op.execute(
        "UPDATE drafts SET slot = slot || '@' || id WHERE id NOT IN "
        "(SELECT max(id) FROM drafts d WHERE d.updated_at = "
        "(SELECT max(updated_at) FROM drafts e WHERE e.slot = d.slot) GROUP BY d.slot)"
    )
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_constraint("uq_drafts_window_id", type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_drafts_slot"), ["slot"])
        batch_op.drop_column("entry_version")
        batch_op.drop_column("window_id")
