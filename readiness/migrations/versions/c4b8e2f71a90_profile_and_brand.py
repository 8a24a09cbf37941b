"""people and brand: the user's title, organisation and phone; the consultancy's brand settings

Revision ID: c4b8e2f71a90
Revises: a7c3d9e2f410
Create Date: 2026-11-30 15:20:00

Existing accounts get "" for the new profile fields; no brand row means the default look.
"""
import sqlalchemy as sa
from alembic import op

revision = 'c4b8e2f71a90'
down_revision = 'a7c3d9e2f410'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('title', sa.String(length=120), server_default='', nullable=False))
        batch_op.add_column(sa.Column('organisation', sa.String(length=160), server_default='', nullable=False))
        batch_op.add_column(sa.Column('phone', sa.String(length=40), server_default='', nullable=False))
    op.create_table('brand_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('colour', sa.String(length=7), nullable=True),
    sa.Column('logo', sa.LargeBinary(), nullable=True),
    sa.Column('logo_type', sa.String(length=40), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_brand_settings'))
    )


def downgrade():
    op.drop_table('brand_settings')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('phone')
        batch_op.drop_column('organisation')
        batch_op.drop_column('title')
