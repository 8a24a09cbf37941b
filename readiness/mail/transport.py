"""SMTP_URL -> a connection. smtp://user:pass@host:port (STARTTLS when the server offers it),
smtps://... (implicit TLS). Pure standard library; no Flask."""
from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit


class MailConfigError(ValueError):
    pass


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    tls: bool  # implicit TLS (smtps)
    username: str | None
    password: str | None

    @classmethod
    def from_url(cls, url: str) -> SmtpSettings:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise MailConfigError("SMTP_URL must look like smtp://user:password@host:port, "
                                  f"not {url!r}")
        try:
            port = parts.port or (465 if parts.scheme == "smtps" else 25)
        except ValueError as exc:
            raise MailConfigError(f"SMTP_URL has a bad port: {exc}") from None
        return cls(parts.hostname, port, parts.scheme == "smtps",
                   unquote(parts.username) if parts.username else None,
                   unquote(parts.password) if parts.password else None)


class Refused(Exception):
    """The server refused this message (bad address, rejected): not worth retrying."""


def send(settings: SmtpSettings, message: EmailMessage, timeout: float = 20) -> None:
    """Send one message; raise Refused for a permanent refusal, OSError/SMTPException otherwise."""
    context = ssl.create_default_context()
    smtp = (smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout, context=context)
            if settings.tls else smtplib.SMTP(settings.host, settings.port, timeout=timeout))
    with smtp:
        smtp.ehlo()
        if not settings.tls and smtp.has_extn("starttls"):
            smtp.starttls(context=context)
            smtp.ehlo()
        if settings.username:
            smtp.login(settings.username, settings.password or "")
        try:
            smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            raise Refused("; ".join(f"{addr}: {code} {msg.decode(errors='replace')}"
                                    for addr, (code, msg) in exc.recipients.items())) from None
        except smtplib.SMTPResponseException as exc:
            if 500 <= exc.smtp_code < 600:
                error = exc.smtp_error
                text = error.decode(errors="replace") if isinstance(error, bytes) else str(error)
                raise Refused(f"{exc.smtp_code} {text}") from None
            raise
