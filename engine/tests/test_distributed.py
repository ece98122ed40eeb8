import numpy as np
import pytest
from conftest import long_table

from boh_engine import engine
from boh_engine.data import build_panel, validate


@pytest.fixture(scope="module")
def panel():
    return build_panel(validate(long_table(3, 5, 150, seed=11)), "D")


@pytest.fixture(scope="module")
def base(panel):
    return engine.forecast_panel(panel, 7, chunk_size=4)


def _same(a, b):
    np.testing.assert_array_equal(a.forecast, b.forecast)
    np.testing.assert_array_equal(a.p10, b.p10)
    np.testing.assert_array_equal(a.p90, b.p90)
    np.testing.assert_array_equal(a.model, b.model)


def test_process_pool_identical(panel, base):
    procs = engine.forecast_panel(
        panel, 7, chunk_size=4, workers=2, backend="processes"
    )
    _same(base, procs)


def test_existing_dask_cluster_identical(panel, base):
    from dask.distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        dask = engine.forecast_panel(
            panel, 7, chunk_size=4, backend="dask", scheduler=cluster.scheduler_address
        )
    _same(base, dask)


def test_chunk_size_does_not_change_results(panel, base):
    _same(base, engine.forecast_panel(panel, 7, chunk_size=1000))
