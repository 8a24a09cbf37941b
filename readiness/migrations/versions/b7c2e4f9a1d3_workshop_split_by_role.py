"""workshop_session.split_by_role: the projector shows revealed results split by role

Revision ID: b7c2e4f9a1d3
Revises: d8e3f5a1c6b2
Create Date: 2026-11-30 21:00:00

Kept on the session (not in the projector's URL) so the console and the projector agree on it
and the console can switch it. Existing sessions start unsplit.
"""
import sqlalchemy as sa
from alembic import op

revision = 'b7c2e4f9a1d3'
down_revision = 'd8e3f5a1c6b2'
branch_labels = None
depends_on = None


def upgrade():
    # A plain ADD COLUMN (SQLite and PostgreSQL both have it): `db upgrade --sql` can print it,
    # where a batch operation would need to reflect the table from a live database.
    op.add_column('workshop_session', sa.Column('split_by_role', sa.Boolean(),
                                                server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('workshop_session', schema=None) as batch_op:
        batch_op.drop_column('split_by_role')
