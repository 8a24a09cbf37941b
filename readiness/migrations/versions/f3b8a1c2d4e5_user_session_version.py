"""user session version: logout, password change and deactivation end every session (issue 11)

Revision ID: f3b8a1c2d4e5
Revises: d5f1a7c2e9b4
Create Date: 2026-11-30 15:00:00

Sessions issued before this migration carry a plain user id and stop loading: everyone logs in once.
"""
import sqlalchemy as sa
from alembic import op

revision = 'f3b8a1c2d4e5'
down_revision = 'd5f1a7c2e9b4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='0',
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('session_version')
