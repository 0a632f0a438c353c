"""Limits that keep one client from taking the service from the others.

- A request body is read whole only when it fits: a declared length over the limit is refused
  before a byte is read, a body that grows past it is cut off, and a body that trickles in
  slower than the time limit allows is dropped (a client holding connections open byte by byte
  would otherwise tie up the service).
- Rate limits are token buckets per key (an address, a learner, wrong trainer tokens from an
  address): `rate` requests per minute on average, up to `burst` at once. In memory, per
  process: behind a proxy with N processes a client gets up to N times the rate, which is still
  a limit; nothing else is shared.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import anyio

MAX_BODY_BYTES = 1024 * 1024  # the desk's limit for an answer file (answerfiles.MAX_FILE_BYTES)
BODY_SECONDS = 10.0  # a 1 MB body over a slow phone link takes ~3 s; a trickle is refused


class BodyTooLarge(Exception):
    pass


class BodyTooSlow(Exception):
    pass


async def read_body(request, limit: int = MAX_BODY_BYTES, seconds: float = BODY_SECONDS
                    ) -> bytes:
    """The request body, at most `limit` bytes, received within `seconds`."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    try:
        with anyio.fail_after(seconds):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise BodyTooLarge
                chunks.append(chunk)
    except TimeoutError:
        raise BodyTooSlow from None
    return b"".join(chunks)


@dataclass(frozen=True)
class Rate:
    """`per_minute` requests a minute on average, `burst` at once; 0 per minute: no limit."""

    per_minute: float
    burst: int

    @classmethod
    def parse(cls, text: str) -> Rate:
        """'60/10': 60 a minute, bursts of 10; '60': bursts of 60; '0': no limit."""
        rate, _, burst = text.partition("/")
        try:
            per_minute = float(rate)
            size = int(burst) if burst else max(1, math.ceil(per_minute))
        except ValueError:
            raise ValueError(f"'{text}' is not a rate; write REQUESTS_PER_MINUTE or "
                             "REQUESTS_PER_MINUTE/BURST, e.g. 60/20 (0: no limit)") from None
        if per_minute < 0 or size < 1:
            raise ValueError(f"'{text}': the rate and the burst must be positive")
        return cls(per_minute, size)

    @property
    def unlimited(self) -> bool:
        return self.per_minute == 0


class RateLimiter:
    """Token buckets per key. `take(key)` → 0 when allowed (and spends one), else seconds until
    it would be. `wait` and `charge` split the two, for a request that may only be counted once
    it is known to be the key's (a learner's limit: see app.py)."""

    MAX_KEYS = 100_000  # beyond, full buckets (idle keys) are dropped: memory stays bounded

    def __init__(self, rate: Rate, clock=time.monotonic):
        self.rate = rate
        self.clock = clock
        self.buckets: dict[str, tuple[float, float]] = {}  # key → (tokens, at)

    @property
    def _per_second(self) -> float:
        return self.rate.per_minute / 60

    def _tokens(self, key: str, now: float) -> float:
        tokens, at = self.buckets.get(key, (float(self.rate.burst), now))
        return min(float(self.rate.burst), tokens + (now - at) * self._per_second)

    def wait(self, key: str) -> float:
        """Seconds until `key` may go on (0: now); spends nothing."""
        if self.rate.unlimited:
            return 0.0
        tokens = self._tokens(key, self.clock())
        return 0.0 if tokens >= 1 else (1 - tokens) / self._per_second

    def charge(self, key: str) -> None:
        """Spend one for `key`, past empty too: requests let in together, before any was
        charged, are all paid for. The debt stops at one burst, so the wait it makes is
        bounded."""
        if self.rate.unlimited:
            return
        now = self.clock()
        tokens = max(-float(self.rate.burst), self._tokens(key, now) - 1)
        self.buckets[key] = (tokens, now)
        if len(self.buckets) > self.MAX_KEYS:
            self._forget_idle(now)

    def take(self, key: str) -> float:
        wait = self.wait(key)
        if not wait:
            self.charge(key)
        return wait

    def _forget_idle(self, now: float) -> None:
        full = [key for key, (tokens, at) in self.buckets.items()
                if tokens + (now - at) * self._per_second >= self.rate.burst]
        for key in full:
            del self.buckets[key]
