"""outbound messages: the email outbox (invitations, reminders, checkpoint reminders)

Revision ID: c4e8a1f2b3d5
Revises: c4b8e2f71a90
Create Date: 2026-11-30 15:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'c4e8a1f2b3d5'
down_revision = 'c4b8e2f71a90'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'outbound_message',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('engagement_id', sa.Integer(), nullable=False),
        sa.Column('respondent_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('dedupe_key', sa.String(length=200), nullable=False),
        sa.Column('recipient', sa.String(length=254), nullable=False),
        sa.Column('subject', sa.String(length=300), nullable=False),
        sa.Column('text_body', sa.Text(), nullable=False),
        sa.Column('html_body', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('error', sa.String(length=500), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['engagement_id'], ['engagement.id'],
                                name=op.f('fk_outbound_message_engagement_id_engagement'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['respondent_id'], ['respondent.id'],
                                name=op.f('fk_outbound_message_respondent_id_respondent'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outbound_message')),
        sa.UniqueConstraint('dedupe_key', name=op.f('uq_outbound_message_dedupe_key')),
    )
    with op.batch_alter_table('outbound_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbound_message_engagement_id'), ['engagement_id'])
        batch_op.create_index(batch_op.f('ix_outbound_message_respondent_id'), ['respondent_id'])
        batch_op.create_index(batch_op.f('ix_outbound_message_status'), ['status'])


def downgrade():
    op.drop_table('outbound_message')
