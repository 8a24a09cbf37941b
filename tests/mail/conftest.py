"""A real SMTP server in-process (aiosmtpd) that keeps what it receives."""
from __future__ import annotations

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    """aiosmtpd handler: refuses addresses at refused.example (a permanent 550), keeps the rest."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@refused.example"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted"

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in m["To"]]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    with socket.socket() as probe:  # a free port (aiosmtpd checks the port it was given)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, f"smtp://127.0.0.1:{port}"
    finally:
        controller.stop()


@pytest.fixture
def mail_app(app, smtp_server):
    inbox, url = smtp_server
    app.config.update(SMTP_URL=url, MAIL_INLINE=True, MAIL_FROM="Northwind Advisory <advisory@example.com>")
    return app, inbox

