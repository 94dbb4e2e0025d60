"""spaCy's parse in a second process, so that on a machine of two or more cores our passes over one
batch run while the next batch is parsed.

A thread could not do it: spaCy holds the interpreter's lock for most of its work, so a parse on
a thread of its own overlapped our passes by a fraction. The child is forked from the process that
has the model loaded (nothing is loaded again) and sends each parsed Doc back as bytes
(`Doc.to_bytes`: the parse, entities and tensor, 0.2 s per 35,000 words each way; not the user
data, where another model's components may keep what does not serialise, and which our passes
build again as they need it).

Only used where it is safe and pays: on Linux (fork), with no other thread running in this
process (a fork copies no thread, and a lock another thread held stays held in the child), on a
machine with a second core. Anything else parses in this process as before. The child ends when
told, when the parent closes it, or when the parent dies (its input then ends).
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading

from spacy.tokens import Doc

__all__ = ["ParserProcess", "started", "usable"]

_STOP = None


def usable() -> bool:
    """Whether a parse process can run here: fork, one thread, and a core to spare."""
    from storyline import settings
    if settings.current().parse_process == "off":
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    # Linux only: on macOS a forked child of a process that loaded system frameworks may crash
    return (cores > 1 and sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


def started(nlp) -> "ParserProcess | None":
    """A parse process for `nlp` where one is usable and starts; None to parse here."""
    if not usable():
        return None
    try:
        return ParserProcess(nlp)
    except OSError:  # no memory or process left for a fork: parse here, as without a second core
        return None


def _serve(nlp, conn, parents_end) -> None:
    """The child: parse each batch of (text, context) that comes, send back [(bytes, context)], or
    ("error", message) for a batch the parser raised on; stop at None or when the parent is gone.

    Batches come in and Docs go out on threads of the child's own: a batch's Docs are some
    megabytes, more than a pipe holds, and the parser goes on with the next batch while the
    parent, busy with the one before, has not yet taken them."""
    import queue
    parents_end.close()  # the parent's end, copied by the fork: closed, so the parent's death ends the input
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C is the parent's to handle; it ends us
    inbox: queue.Queue = queue.Queue()
    outbox: queue.Queue = queue.Queue()

    def take() -> None:
        while True:
            try:
                batch = conn.recv()
            except (EOFError, OSError):
                batch = _STOP
            inbox.put(batch)
            if batch is _STOP:
                return

    def give() -> None:
        while True:
            reply = outbox.get()
            if reply is _STOP:
                return
            try:
                conn.send(reply)
            except (OSError, ValueError):
                return

    threading.Thread(target=take, daemon=True).start()
    sender = threading.Thread(target=give, daemon=True)
    sender.start()
    while True:
        batch = inbox.get()
        if batch is _STOP:
            break
        try:
            docs = [(doc.to_bytes(exclude=["user_data"]), context)
                    for doc, context in nlp.pipe(batch, as_tuples=True, batch_size=len(batch))]
        except Exception as exc:  # noqa: BLE001 - told to the parent, which parses the batch alone
            outbox.put(("error", f"{type(exc).__name__}: {exc}"))
        else:
            outbox.put(("ok", docs))
    outbox.put(_STOP)
    sender.join(timeout=1)


class ParserProcess:
    """A forked child that parses batches in order: `send(batch)` then `receive()` gives the
    [(Doc, context)] of the oldest batch sent. Close it (or use `with`) to end the child."""

    def __init__(self, nlp):
        self._nlp = nlp
        ctx = multiprocessing.get_context("fork")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(nlp, child, self._conn), daemon=True, name="storyline-parse")
        self._proc.start()
        child.close()
        self.in_flight = 0

    def send(self, batch: list) -> None:
        self._conn.send(batch)
        self.in_flight += 1

    def ready(self) -> bool:
        """Whether the oldest batch sent is parsed and waiting."""
        return self._conn.poll()

    def receive(self) -> list:
        """The oldest batch sent, parsed; raises if the child raised on it or died."""
        try:
            status, value = self._conn.recv()
        except (EOFError, OSError) as exc:
            raise RuntimeError(f"the parse process ended unexpectedly ({self._proc.exitcode})") from exc
        finally:
            self.in_flight -= 1
        if status != "ok":
            raise RuntimeError(value)
        vocab = self._nlp.vocab
        return [(Doc(vocab).from_bytes(data), context) for data, context in value]

    def close(self) -> None:
        try:
            if self._proc.is_alive():
                try:
                    self._conn.send(_STOP)
                except (OSError, ValueError):
                    pass
                self._proc.join(timeout=2)
        finally:
            if self._proc.is_alive():
                self._proc.kill()
                self._proc.join()
            self._conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
