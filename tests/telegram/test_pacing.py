"""The pacer on its own, with a clock the test moves: both of Telegram's limits, and 429s."""

from telegram.error import RetryAfter

from bot.telegram.pacing import Pacer


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def pacer_and_clock() -> tuple[Pacer, Clock, list[tuple[float, str]]]:
    clock = Clock()
    return Pacer(clock, clock.sleep), clock, []


async def send(pacer: Pacer, clock: Clock, sent: list, chat: str, endpoint: str = "sendMessage") -> None:
    async def call() -> bool:
        sent.append((clock.now, chat))
        return True

    await pacer.process_request(call, (), {}, endpoint, {"chat_id": chat}, None)


async def test_a_group_gets_at_most_twenty_sends_in_any_minute():
    pacer, clock, sent = pacer_and_clock()
    for _ in range(45):
        await send(pacer, clock, sent, "-100")
    times = [at for at, _ in sent]
    assert max(sum(1 for t in times if start <= t < start + 60) for start in times) == 20
    assert times[20] - times[0] > 60, "the 21st waits for the minute, and a margin"


async def test_at_most_thirty_sends_in_any_second_over_all_chats():
    pacer, clock, sent = pacer_and_clock()
    for n in range(100):
        await send(pacer, clock, sent, f"-{n}")
    times = [at for at, _ in sent]
    assert max(sum(1 for t in times if start <= t < start + 1) for start in times) == 30


async def test_private_chats_and_reads_are_not_held_by_a_groups_minute():
    pacer, clock, sent = pacer_and_clock()
    for _ in range(20):
        await send(pacer, clock, sent, "-100")
    await send(pacer, clock, sent, "42")
    await send(pacer, clock, sent, "-100", endpoint="getChatAdministrators")
    assert clock.slept == [], "neither waits for the group's minute"


async def test_a_429_is_honoured_and_tried_again():
    pacer, clock, _ = pacer_and_clock()
    attempts = []

    async def call() -> bool:
        attempts.append(clock.now)
        if len(attempts) == 1:
            raise RetryAfter(7)
        return True

    assert await pacer.process_request(call, (), {}, "sendMessage", {"chat_id": "-1"}, None) is True
    assert attempts[1] - attempts[0] == 7
