"""respondent and respondent_block generation: change counters for the cached scores (issue 12)

Revision ID: d8e3f5a1c6b2
Revises: a9d4c6e1f702
Create Date: 2026-11-30 19:00:00

Every UPDATE of either row adds one to its generation; with the row counts they make the change
stamp that keys the dashboard's and overview's cached scores (readiness.engagements.stamp).
Existing rows start at 0.
"""
import sqlalchemy as sa
from alembic import op

revision = 'd8e3f5a1c6b2'
down_revision = 'a9d4c6e1f702'
branch_labels = None
depends_on = None


def upgrade():
    for table in ('respondent', 'respondent_block'):
        op.add_column(table, sa.Column('generation', sa.Integer(), nullable=False,
                                       server_default='0'))
    # The stamp's sum over an engagement's block rows reads this index alone.
    op.create_index('ix_respondent_block_generation', 'respondent_block',
                    ['respondent_id', 'generation'])


def downgrade():
    op.drop_index('ix_respondent_block_generation', table_name='respondent_block')
    for table in ('respondent_block', 'respondent'):
        with op.batch_alter_table(table) as batch:
            batch.drop_column('generation')
