"""Issue 12: with REDIS_URL the roster's email goes out through an RQ job (`readiness worker`)
instead of a thread of the web process."""
from __future__ import annotations

from readiness import redis_conn
from readiness.mail import services as mail
from tests.helpers import csrf_token

from .test_email import OWNER, _people


class FakeQueue:
    def __init__(self):
        self.jobs: list[str] = []

    def enqueue(self, name, *args, **kwargs):
        self.jobs.append(name)


def test_with_redis_delivery_is_an_rq_job(mail_app, client, auth, eng, monkeypatch):
    app, inbox = mail_app
    fake = FakeQueue()
    app.config["MAIL_INLINE"] = False
    monkeypatch.setattr(redis_conn, "queue", lambda app=None: fake)
    monkeypatch.setattr(mail._executor, "submit", lambda *a: (_ for _ in ()).throw(AssertionError))
    _people(app, eng)
    auth.login(OWNER)
    page = client.get(f"/engagements/{eng.id}/respondents")
    response = client.post(f"/engagements/{eng.id}/respondents/email/invitations",
                           data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 302
    assert fake.jobs == ["readiness.mail.services.deliver_rq_job"] and inbox.messages == []
    with app.app_context():  # what `readiness worker` runs
        sent = mail.deliver_rq_job()
    assert sent == len(inbox.messages) > 0
