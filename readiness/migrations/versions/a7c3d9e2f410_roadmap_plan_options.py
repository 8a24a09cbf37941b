"""roadmap plan options: the consultant's pilot department and track starts (R-MAP-6)

Revision ID: a7c3d9e2f410
Revises: e1d1f76ac519
Create Date: 2026-11-30 12:05:00

Snapshots stored before department tracks keep loading through roadmap_io's tolerant reader.
"""
import sqlalchemy as sa
from alembic import op

revision = 'a7c3d9e2f410'
down_revision = 'e1d1f76ac519'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('roadmap_plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('options', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('roadmap_plan', schema=None) as batch_op:
        batch_op.drop_column('options')
