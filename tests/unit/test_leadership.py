"""One active scheduler: a standby takes over when the lock frees, a holder steps down when
it loses the lock."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.scheduling.leader import Leadership


@dataclass
class Lock:
    """Several processes' views of one lock."""

    holder: str | None = None
    broken: bool = False

    def view(self, name: str) -> LockView:
        return LockView(self, name)


@dataclass
class LockView:
    shared: Lock
    name: str

    async def acquire(self) -> bool:
        if self.shared.broken:
            raise ConnectionError("database away")
        if self.shared.holder is None:
            self.shared.holder = self.name
        return self.shared.holder == self.name

    async def still_held(self) -> bool:
        return self.shared.holder == self.name

    async def release(self) -> None:
        if self.shared.holder == self.name:
            self.shared.holder = None


@dataclass
class Role:
    log: list[str] = field(default_factory=list)

    async def start(self) -> None:
        self.log.append("start")

    async def stop(self) -> None:
        self.log.append("stop")


async def test_only_the_holder_runs_and_a_standby_takes_over_when_it_goes() -> None:
    lock = Lock()
    first, second = Role(), Role()
    one, two = Leadership(lock.view("one"), first), Leadership(lock.view("two"), second)
    await one.step()
    await two.step()
    assert (one.active, two.active) == (True, False)
    lock.holder = None  # the first process died: its connection, and the lock, went with it
    await two.step()
    assert two.active and second.log == ["start"]


async def test_a_holder_that_loses_the_lock_stops_at_once() -> None:
    lock = Lock()
    role = Role()
    leader = Leadership(lock.view("one"), role)
    await leader.step()
    lock.holder = "someone else"
    await leader.step()
    assert not leader.active and role.log == ["start", "stop"]


async def test_a_database_that_is_away_means_standing_by_not_crashing() -> None:
    lock = Lock(broken=True)
    role = Role()
    leader = Leadership(lock.view("one"), role)
    await leader.step()
    assert not leader.active and role.log == []
