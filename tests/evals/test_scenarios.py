"""The repo's scenario file passes on the real pipeline with the fast fakes; checks catch failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.types import ItemCard, TurnResult, UserProfile
from evals.cli import _fast_service
from evals.scenarios import Checks, check_turn, load_scenarios, run_scenarios
from muse.errors import InvalidInputError
from muse.settings import Settings

AGENT_FILE = Path(__file__).parents[2] / "evals" / "scenarios" / "agent.yaml"


@pytest.fixture(scope="module")
def service(eval_settings: Settings):
    service = _fast_service(eval_settings)
    yield service
    service.close()


def test_agent_scenarios_all_pass(service) -> None:
    results = run_scenarios(service, AGENT_FILE)
    assert len(results) >= 5
    assert [(r.name, r.failures) for r in results if not r.passed] == []


def _card(item_id: int, year: int, genres: list[str]) -> ItemCard:
    return ItemCard(item_id=item_id, title=f"t{item_id}", year=year, genres=genres, score=1.0, reason="r")


def test_checks_report_each_failure(service) -> None:
    result = TurnResult(user_id="u", session_id="s", intent="recommend", reply="Try Pulp Fiction.",
                        items=[_card(1, 1975, ["Romance"]), _card(2, 1990, ["Drama"])], profile=UserProfile(liked_items=[2]))
    checks = Checks(no_genre="Romance", years_within=(1980, 1999), contains_one_of=[9], never_recommends_liked_or_seen=True,
                    reply_mentions_only_returned=True, latency_under_s=0.5, liked_contains=[3], clarifies=True)
    reasons = check_turn(service, result, checks, seconds=1.0, seen={1})
    assert len(reasons) == 8, reasons
    assert any("Pulp Fiction" in r for r in reasons)
    assert check_turn(service, result, Checks(), seconds=1.0, seen=set()) == []


def test_bad_scenario_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenarios:\n  - name: x\n    turns:\n      - message: hi\n        checks: {no_such_check: 1}\n")
    with pytest.raises(InvalidInputError, match="no_such_check"):
        load_scenarios(bad)
