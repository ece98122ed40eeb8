"""Where the chunks of a forecast run: one interface, backends registered by name.

A backend runs ``fn(*job)`` for every job and returns the results in the order
of the jobs. Every model works row by row, so a series' result does not depend
on the backend: all of them give identical numbers (tests check it).

* ``serial`` (alias ``inline``): in the calling process;
* ``processes``: a spawn process pool of ``workers`` processes (in-process when
  there is one worker or one job);
* ``dask``: a ``dask.distributed`` Client on ``scheduler``, or a LocalCluster of
  ``workers`` single-threaded worker processes.

A new backend is a :class:`Backend` subclass decorated with :func:`register`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import ClassVar

from tqdm import tqdm

from .errors import InputError

BACKENDS: dict[str, type[Backend]] = {}


def register(*names: str):
    """Class decorator: register a :class:`Backend` under one or more names."""

    def wrap(cls):
        cls.name = names[0]
        for name in names:
            BACKENDS[name] = cls
        return cls

    return wrap


class Backend:
    """Runs jobs; subclasses implement :meth:`map`."""

    name: ClassVar[str] = ""

    def __init__(self, workers: int = 1, scheduler: str | None = None) -> None:
        self.workers = max(int(workers), 1)
        self.scheduler = scheduler

    def map(self, fn: Callable, jobs: Sequence[tuple], done: Callable[[], None]):
        """Results of ``fn(*job)`` in job order; call ``done()`` after each."""
        raise NotImplementedError  # pragma: no cover - abstract


@register("serial", "inline")
class SerialBackend(Backend):
    """In the calling process, one job after the other."""

    def map(self, fn, jobs, done):
        out = []
        for job in jobs:
            out.append(fn(*job))
            done()
        return out


@register("processes")
class ProcessBackend(Backend):
    """A spawn process pool (serial with one worker or one job)."""

    def map(self, fn, jobs, done):
        if self.workers <= 1 or len(jobs) <= 1:
            return SerialBackend().map(fn, jobs, done)
        import multiprocessing as mp

        ctx = mp.get_context("spawn")
        with ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx) as pool:
            futures = [pool.submit(fn, *job) for job in jobs]
            out = []
            for f in futures:
                out.append(f.result())
                done()
            return out


@register("dask")
class DaskBackend(Backend):
    """dask.distributed on an existing scheduler or a LocalCluster."""

    def map(self, fn, jobs, done):
        from dask.distributed import Client, LocalCluster

        cluster = None
        if self.scheduler:
            client = Client(self.scheduler)
        else:
            cluster = LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            client = Client(cluster)
        try:
            futures = [client.submit(fn, *job, pure=False) for job in jobs]
            out = []
            for f in futures:
                out.append(f.result())
                done()
            return out
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def get(name: str, workers: int = 1, scheduler: str | None = None) -> Backend:
    """The backend registered as ``name``; InputError when there is none."""
    if name not in BACKENDS:
        raise InputError(
            f"unknown backend {name!r}; choose from {', '.join(sorted(BACKENDS))}",
            column="backend",
        )
    return BACKENDS[name](workers, scheduler)


def run_chunks(
    fn,
    jobs: list[tuple],
    workers: int,
    backend: str,
    scheduler=None,
    progress: bool = True,
) -> list:
    """Run ``fn(*job)`` for every job, in order, on the backend named ``backend``."""
    runner = get(backend, workers, scheduler)
    bar = tqdm(
        total=len(jobs), desc="forecast", unit="chunk", disable=not progress, file=None
    )
    try:
        return runner.map(fn, jobs, bar.update)
    finally:
        bar.close()
