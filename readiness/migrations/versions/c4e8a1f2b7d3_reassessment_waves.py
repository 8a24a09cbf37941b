"""reassessment waves: the wave table and respondent.wave (existing respondents are wave 1)

Revision ID: c4e8a1f2b7d3
Revises: c4e8f1a2b3d5
Create Date: 2026-11-30 15:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'c4e8a1f2b7d3'
down_revision = 'c4e8f1a2b3d5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'wave',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('engagement_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('questionnaire_version_id', sa.Integer(), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('started_by', sa.Integer(), nullable=True),
        sa.CheckConstraint('number >= 1', name=op.f('ck_wave_wave_number_positive')),
        sa.ForeignKeyConstraint(['engagement_id'], ['engagement.id'],
                                name=op.f('fk_wave_engagement_id_engagement'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['questionnaire_version_id'], ['questionnaire_version.id'],
                                name=op.f('fk_wave_questionnaire_version_id_questionnaire_version')),
        sa.ForeignKeyConstraint(['started_by'], ['user.id'], name=op.f('fk_wave_started_by_user'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_wave')),
        sa.UniqueConstraint('engagement_id', 'number', name=op.f('uq_wave_engagement_id')),
    )
    with op.batch_alter_table('wave', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wave_engagement_id'), ['engagement_id'], unique=False)
    # Every respondent so far answered wave 1 (the server default fills existing rows).
    with op.batch_alter_table('respondent', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wave', sa.Integer(), server_default='1', nullable=False))
        batch_op.create_index(batch_op.f('ix_respondent_wave'), ['wave'], unique=False)


def downgrade():
    with op.batch_alter_table('respondent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_respondent_wave'))
        batch_op.drop_column('wave')
    with op.batch_alter_table('wave', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wave_engagement_id'))
    op.drop_table('wave')
