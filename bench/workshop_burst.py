"""The vote bursts of bench/workshop.py, sent by one thread: an asyncio loop over one keep-alive
connection per phone (stdlib streams), each round's 200 requests serialised to bytes before the
round starts. A thread per phone cost the load generator more CPU than the server spent on the
votes, on the same two cores: the figures measured the client as much as the server. Here the
generator's CPU per vote is a few tens of microseconds, printed beside the figures
(time.thread_time of the loop's thread) so that claim is checked on every run."""
from __future__ import annotations

import asyncio
import json
import random
import time
from dataclasses import dataclass, field

#: One response must arrive within this (the whole bench has its own 120 s bound).
READ_TIMEOUT_S = 30.0


@dataclass
class Burst:
    """What the rounds produced: one (sent, acked, status, vote_id) per vote, each round's wall
    time, the loop thread's CPU seconds, the reconnections it needed."""

    votes: list[tuple[float, float, int, int | None]] = field(default_factory=list)
    rounds: list[float] = field(default_factory=list)
    cpu: float = 0.0
    reconnects: int = 0


def vote_request(phone, code: str, pain_id: int) -> bytes:
    """The bytes workshop_phone.js sends for one vote (the same headers as Client.request)."""
    body = json.dumps({"pain_id": pain_id}).encode()
    cookie = "; ".join(f"{k}={v}" for k, v in phone.cookies.items())
    head = (f"POST /w/{code}/votes HTTP/1.1\r\nHost: 127.0.0.1:{phone.port}\r\n"
            f"Content-Type: application/json\r\nAccept: application/json\r\n"
            f"X-CSRFToken: {phone.csrf}\r\nCookie: {cookie}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode("latin-1") + body


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers: dict[str, str] = {}
    cookies = []
    for line in lines[1:]:
        if ":" in line:
            name, _, value = line.partition(":")
            name = name.strip().lower()
            if name == "set-cookie":
                cookies.append(value.strip())
            headers[name] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                break
            body += chunk[:-2]
    else:
        body = await reader.readexactly(int(headers.get("content-length", "0")))
    headers["set-cookie"] = "\n".join(cookies)
    return status, headers, body


class _Line:
    """One phone's keep-alive connection; reopened (and the request sent again) if the server
    closed it while idle, as a browser does."""

    def __init__(self, phone, port: int):
        self.phone, self.port = phone, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None

    async def exchange(self, request: bytes, burst: Burst) -> tuple[int, bytes]:
        for attempt in (1, 2):
            try:
                if self.writer is None:
                    await self.open()
                assert self.writer is not None and self.reader is not None
                self.writer.write(request)
                status, headers, body = await asyncio.wait_for(
                    _read_response(self.reader), READ_TIMEOUT_S)
                break
            except (ConnectionError, asyncio.IncompleteReadError, OSError):
                self.close()
                burst.reconnects += 1
                if attempt == 2:
                    raise
        for cookie in filter(None, headers["set-cookie"].split("\n")):
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.phone.cookies[name] = value
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, body


async def _rounds(phones, code: str, port: int, choose, rounds: int, burst: Burst,
                  spread: float) -> None:
    lines = [_Line(phone, port) for phone in phones]
    await asyncio.gather(*(line.open() for line in lines))
    draw = random.Random(20261201)  # the same room every run

    async def one(index: int, line: _Line, request: bytes, k: int, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        sent = time.perf_counter()
        status, body = await line.exchange(request, burst)
        acked = time.perf_counter()
        answer = json.loads(body)
        if k == 0:
            line.phone.first = (choose(index, k), answer.get("vote_id"))
        burst.votes.append((sent, acked, status, answer.get("vote_id")))

    try:
        for k in range(rounds):
            requests = [vote_request(phone, code, choose(i, k)) for i, phone in enumerate(phones)]
            delays = [draw.uniform(0, spread) if spread > 0 else 0.0 for _ in phones]
            started = time.perf_counter()
            # gather starts the tasks in order; each writes its request and then waits for the
            # answer, so all N requests leave within a few milliseconds of each other.
            await asyncio.gather(*(one(i, line, requests[i], k, delays[i])
                                   for i, line in enumerate(lines)))
            burst.rounds.append(time.perf_counter() - started)
    finally:
        for line in lines:
            line.close()


def send_rounds(phones, code: str, port: int, choose, rounds: int, spread: float = 0.0) -> Burst:
    """`rounds` times, every phone casts one vote (pain choose(index, k)): all at the same moment
    (spread 0), or each at a random moment within `spread` seconds, as a room votes; the next
    round starts when the whole previous one was answered."""
    burst = Burst()
    cpu = time.thread_time()
    asyncio.run(_rounds(phones, code, port, choose, rounds, burst, spread))
    burst.cpu = time.thread_time() - cpu
    return burst
