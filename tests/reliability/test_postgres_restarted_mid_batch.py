"""PostgreSQL restarted mid-batch: workers retry, the sweep re-sends the rest, nothing is lost or doubled."""

from __future__ import annotations

from tests.reliability.faults import ARTICLES


def test_a_postgres_restart_mid_batch_loses_nothing_and_duplicates_nothing(scenario, private_postgres):
    seeded = scenario.step("seed", str(ARTICLES))
    assert scenario.step("enqueue") == {"queued": ARTICLES}
    scenario.start_worker("worker@pgrestart")
    reviewed = len(seeded["reviewed_articles"])
    before = scenario.wait_for_runs(
        lambda runs: runs["succeeded"] > reviewed and runs["running"], 120, "the batch to be underway"
    )

    private_postgres.restart()

    at_restart = scenario.wait_until_idle()
    sweep = scenario.step("sweep")
    scenario.wait_for_runs(lambda runs: runs["succeeded"] == ARTICLES + reviewed, 180, "every article to be extracted")
    print(f"\n[postgres restart] runs before restart={dict(before)}, after={dict(at_restart)}, sweep={sweep}")
    scenario.assert_recovered(seeded, "postgres restart")
