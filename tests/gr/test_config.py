from __future__ import annotations

import pytest

from muse.errors import InvalidInputError
from tools.gr.config import CONFIG_DIR, load_config, parse_overrides


def test_shipped_configs_load() -> None:
    names = {p.stem for p in CONFIG_DIR.glob("*.toml")}
    assert {"tiny", "ml-100k", "ml-latest-small", "ml-1m", "ml-1m-large"} <= names
    for name in names:
        load_config(name)
    large, _ = load_config("ml-1m-large")
    assert (large.n_blocks, large.n_heads, large.d_qk, large.d_v) == (8, 2, 25, 25)


def test_overrides_are_typed() -> None:
    mcfg, tcfg = load_config("ml-1m", parse_overrides(["--epochs=20", "--model=sasrec", "lr=3e-4", "--content=true"]))
    assert (mcfg.model, tcfg.epochs, tcfg.lr, tcfg.content) == ("sasrec", 20, 3e-4, True)


def test_bad_overrides_are_errors() -> None:
    with pytest.raises(InvalidInputError):
        load_config(None, {"nope": 1})
    with pytest.raises(InvalidInputError):
        load_config(None, {"epochs": "many"})
    with pytest.raises(InvalidInputError):
        parse_overrides(["--epochs"])


def test_a_model_table_applies_to_that_model_only(tmp_path) -> None:
    path = tmp_path / "two.toml"
    path.write_text('model = "hstu"\nlr = 1e-3\nepochs = 7\n[hstu]\nlr = 2e-3\nrab = "block"\n[sasrec]\nepochs = 9\n')
    hstu_m, hstu_t = load_config(path)
    sasrec_m, sasrec_t = load_config(path, {"model": "sasrec"})
    assert (hstu_t.lr, hstu_t.epochs, hstu_m.rab) == (2e-3, 7, "block")
    assert (sasrec_t.lr, sasrec_t.epochs, sasrec_m.rab) == (1e-3, 9, "shared")
    assert load_config(path, {"lr": "5e-4"})[1].lr == 5e-4  # overrides still win


@pytest.mark.parametrize("name", ["ml-100k", "ml-latest-small"])
def test_movielens_configs_tune_each_model(name: str) -> None:
    hstu_m, hstu_t = load_config(name, {"model": "hstu"})
    sasrec_m, sasrec_t = load_config(name, {"model": "sasrec"})
    assert (hstu_t.lr, hstu_m.dropout, hstu_m.rab) == (2e-3, 0.3, "block")
    assert (sasrec_t.lr, sasrec_m.dropout, sasrec_m.rab) == (2e-3, 0.3, "shared")
