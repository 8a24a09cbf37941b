"""Email: invitations, reminders to respondents, checkpoint reminders, sent through SMTP_URL."""
from flask import Blueprint

bp = Blueprint("mail", __name__)
