"""Invitations and reminders by email against a real SMTP server (aiosmtpd): sent once, in the
recipient's language, with their own link; failures shown on the roster; email off by default."""
from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from readiness.extensions import db
from readiness.mail import services as mail
from readiness.mail.models import OutboundMessage
from readiness.mail.transport import MailConfigError, SmtpSettings
from readiness.respondents.models import Respondent
from tests.helpers import csrf_token
from tests.respondents.helpers import OWNER, add_respondent


def _people(app, eng):
    made = {
        "anna": add_respondent(app, eng.id, "Anna Lee", "manager", eng.departments["Sales"],
                               email="anna@example.com"),
        "wei": add_respondent(app, eng.id, "Wang Wei", "front_line", eng.departments["Sales"],
                              email="wei@example.com"),
        "done": add_respondent(app, eng.id, "Done Person", "it", None, email="done@example.com",
                               status="completed"),
        "bad": add_respondent(app, eng.id, "Bad Address", "it", None, email="x@refused.example"),
        "nomail": add_respondent(app, eng.id, "No Mail", "it", None),
    }
    ids = {key: person.id for key, person in made.items()}
    with app.app_context():
        db.session.get(Respondent, ids["wei"]).locale = "zh"
        db.session.commit()
    return ids


def _post(client, eng, what):
    page = client.get(f"/engagements/{eng.id}/respondents")
    return client.post(f"/engagements/{eng.id}/respondents/email/{what}",
                       data={"csrf_token": csrf_token(page.text)})


def _token(app, respondent_id):
    with app.app_context():
        return db.session.get(Respondent, respondent_id).token


def test_invitations_reach_each_person_once_in_their_language(mail_app, client, auth, eng):
    app, inbox = mail_app
    ids = _people(app, eng)
    auth.login(OWNER)
    response = _post(client, eng, "invitations")
    assert response.status_code == 302  # post/redirect/get
    assert sorted(m["To"] for m in inbox.messages) == ["anna@example.com", "wei@example.com"]
    anna = inbox.to("anna@example.com")[0]
    assert "Acme Tools" in anna["Subject"]
    text = anna.get_body(("plain",)).get_content()
    html = anna.get_body(("html",)).get_content()
    link = f"/r/{_token(app, ids['anna'])}"
    assert link in text and link in html and "Hello Anna Lee" in text
    wei_text = inbox.to("wei@example.com")[0].get_body(("plain",)).get_content()
    assert f"/r/{_token(app, ids['wei'])}" in wei_text
    assert "您好" in wei_text or "你好" in wei_text  # Chinese for the respondent who chose it
    # Pressing again sends nothing new: the same link was already sent.
    _post(client, eng, "invitations")
    assert len(inbox.messages) == 2
    roster = client.get(f"/engagements/{eng.id}/respondents").text
    assert "Emailed" in roster
    assert "Email failed" in roster and "mailbox unavailable" in roster  # the refused address


def test_reminders_skip_finished_people_and_go_once_a_day(mail_app, client, auth, eng):
    app, inbox = mail_app
    _people(app, eng)
    auth.login(OWNER)
    _post(client, eng, "reminders")
    assert sorted(m["To"] for m in inbox.messages) == ["anna@example.com", "wei@example.com"]
    assert "Reminder" in inbox.to("anna@example.com")[0]["Subject"]
    page = _post(client, eng, "reminders")
    assert len(inbox.messages) == 2
    assert "already reminded today" in client.get(page.headers["Location"]).text


def test_reissued_link_gets_a_new_invitation_with_the_new_link(mail_app, client, auth, eng):
    app, inbox = mail_app
    ids = _people(app, eng)
    auth.login(OWNER)
    _post(client, eng, "invitations")
    page = client.get(f"/engagements/{eng.id}/respondents")
    client.post(f"/engagements/{eng.id}/respondents/{ids['anna']}/reissue",
                data={"csrf_token": csrf_token(page.text)})
    _post(client, eng, "invitations")
    to_anna = inbox.to("anna@example.com")
    assert len(to_anna) == 2
    assert f"/r/{_token(app, ids['anna'])}" in to_anna[1].get_body(("plain",)).get_content()


def test_email_off_keeps_the_copy_link_flow(app, client, auth, eng):
    auth.login(OWNER)
    page = client.get(f"/engagements/{eng.id}/respondents").text
    assert "Email is off" in page and "Email invitations" not in page
    response = client.post(f"/engagements/{eng.id}/respondents/email/invitations",
                           data={"csrf_token": csrf_token(page)})
    assert response.status_code == 409


def test_viewers_and_strangers_cannot_send(mail_app, client, auth, eng):
    from tests.helpers import make_user

    app, inbox = mail_app
    _people(app, eng)
    make_user(app, "stranger@example.com")
    auth.login("stranger@example.com")
    page = client.get("/engagements")
    response = client.post(f"/engagements/{eng.id}/respondents/email/invitations",
                           data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 404 and inbox.messages == []


def test_server_down_keeps_the_message_queued_then_failed(app, client, auth, eng):
    app.config.update(SMTP_URL="smtp://127.0.0.1:9", MAIL_INLINE=True)  # nothing listens on 9
    ids = _people(app, eng)
    auth.login(OWNER)
    _post(client, eng, "invitations")
    with app.app_context():
        message = db.session.scalar(sa.select(OutboundMessage).where(
            OutboundMessage.respondent_id == ids["anna"]))
        assert message.status == "queued" and message.attempts == 1 and message.error
    for _ in range(2):
        mail.deliver_pending(app)
    with app.app_context():
        message = db.session.scalar(sa.select(OutboundMessage).where(
            OutboundMessage.respondent_id == ids["anna"]))
        assert message.status == "failed" and message.attempts == mail.MAX_ATTEMPTS


def test_send_reminders_command_uses_the_public_url(mail_app, runner, eng):
    app, inbox = mail_app
    app.config["PUBLIC_URL"] = "https://readiness.example.org"
    ids = _people(app, eng)
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    assert "sent 2 messages" in result.output
    text = inbox.to("anna@example.com")[0].get_body(("plain",)).get_content()
    assert f"https://readiness.example.org/r/{_token(app, ids['anna'])}" in text
    again = runner.invoke(args=["send-reminders"])
    assert "Queued 0 reminders and 0 checkpoint" in again.output and len(inbox.messages) == 2


def test_checkpoint_reminder_is_sent_once_per_due_date(mail_app, eng):
    app, inbox = mail_app
    with app.test_request_context():
        from readiness.engagements.models import Engagement

        engagement = db.session.get(Engagement, eng.id)
        for _ in range(2):
            mail.enqueue_checkpoint_reminder(
                engagement, key="d1-L1-review-1", due=date(2027, 4, 1), overdue=True,
                recipient="sarah@example.com", name="Sarah Chen", lang="en",
                title="First review of crawl", link="https://x.example/board")
        db.session.commit()
    mail.deliver_pending(app)
    assert len(inbox.messages) == 1
    body = inbox.messages[0].get_body(("plain",)).get_content()
    assert "Overdue" in inbox.messages[0]["Subject"] and "First review of crawl" in body
    assert "Apr 1, 2027" in body


@pytest.mark.parametrize("url", ["http://x", "smtp://", "smtp://host:notaport"])
def test_bad_smtp_url_is_a_clear_error(url):
    with pytest.raises(MailConfigError):
        SmtpSettings.from_url(url)


def test_smtp_url_parts():
    settings = SmtpSettings.from_url("smtps://me%40x:p%3Ass@mail.example:2465")
    assert (settings.host, settings.port, settings.tls) == ("mail.example", 2465, True)
    assert (settings.username, settings.password) == ("me@x", "p:ss")
