"""user.locale: the language of the emails an account receives (checkpoint reminders)

Revision ID: d5f1a7c2e9b4
Revises: c4e8a1f2b7d3
Create Date: 2026-11-30 16:05:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'd5f1a7c2e9b4'
down_revision = 'c4e8a1f2b7d3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('locale', sa.String(length=8), server_default='en',
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('locale')
