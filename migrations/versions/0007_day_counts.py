"""per-day aggregates: day_counts, day_tags and tag_counts, built from the notes

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-02 07:30:00.000000

Streaks, consistency, stats and the digest's numbers read these instead of every note (#22). A note
counts when it is live, in a writable notebook and not a saved digest (tagged #digest); the tables hold,
per day, how many such notes there are, per day and tag how many carry the tag, and per tag the total.
They are built here for an existing journal, in the upgrade's one transaction; from then on every write
keeps them in step (journal.repository.day_rows.recount_days). The SQL is written out here, not taken
from the app, so that this step stays what it was when later versions change theirs.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTED = (
    "FROM entries e JOIN notebooks n ON n.id = e.notebook_id{join} "
    "WHERE e.deleted_at IS NULL AND n.read_only = 0 AND NOT EXISTS ("
    "SELECT 1 FROM entry_tags d JOIN tags t ON t.id = d.tag_id WHERE d.entry_id = e.id AND t.key = 'digest')"
)


def upgrade() -> None:
    op.create_table('day_counts',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('notes', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_day_counts'))
    )
    op.create_table('day_tags',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_day_tags_tag_id_tags'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('day', 'tag_id', name=op.f('pk_day_tags'))
    )
    with op.batch_alter_table('day_tags', schema=None) as batch_op:
        batch_op.create_index('ix_day_tags_tag_id', ['tag_id'], unique=False)

    op.create_table('tag_counts',
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_tag_counts_tag_id_tags'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('tag_id', name=op.f('pk_tag_counts'))
    )

    conn = op.get_bind()
    conn.execute(sa.text(f"INSERT INTO day_counts (day, notes) SELECT e.day, count(*) {COUNTED.format(join='')} GROUP BY e.day"))
    tagged = COUNTED.format(join=" JOIN entry_tags et ON et.entry_id = e.id")
    conn.execute(sa.text(f"INSERT INTO day_tags (day, tag_id, notes) SELECT e.day, et.tag_id, count(*) {tagged} GROUP BY e.day, et.tag_id"))
    conn.execute(sa.text("INSERT INTO tag_counts (tag_id, notes) SELECT tag_id, sum(notes) FROM day_tags GROUP BY tag_id"))


def downgrade() -> None:
    op.drop_table('tag_counts')
    with op.batch_alter_table('day_tags', schema=None) as batch_op:
        batch_op.drop_index('ix_day_tags_tag_id')

    op.drop_table('day_tags')
    op.drop_table('day_counts')
