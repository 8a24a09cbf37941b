"""report jobs in the database: any app server polls and serves them (issue 12)

Revision ID: a7c4e2d9b1f0
Revises: f3b8a1c2d4e5
Create Date: 2026-11-30 18:00:00

Jobs kept as JSON files under instance/reports/ before this migration are not carried over: the
report page starts from an empty list (the files can be deleted).
"""
import sqlalchemy as sa
from alembic import op

revision = 'a7c4e2d9b1f0'
down_revision = 'f3b8a1c2d4e5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'report_job',
        sa.Column('id', sa.String(length=22), nullable=False),
        sa.Column('engagement_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('lang', sa.String(length=5), nullable=False),
        sa.Column('format', sa.String(length=5), nullable=False),
        sa.Column('working_copy', sa.Boolean(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('stage', sa.String(length=10), nullable=False),
        sa.Column('size', sa.Integer(), nullable=True),
        sa.Column('error', sa.String(length=500), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(['engagement_id'], ['engagement.id'],
                                name=op.f('fk_report_job_engagement_id_engagement'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'],
                                name=op.f('fk_report_job_user_id_user'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_report_job')),
    )
    with op.batch_alter_table('report_job', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_job_engagement_id'), ['engagement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_job_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_job_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('report_job', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_job_user_id'))
        batch_op.drop_index(batch_op.f('ix_report_job_status'))
        batch_op.drop_index(batch_op.f('ix_report_job_engagement_id'))
    op.drop_table('report_job')
