"""Redis restarted with tasks queued (it keeps nothing on disk: the messages are lost): the sweep re-sends them."""

from __future__ import annotations

import json

from tests.reliability.faults import ARTICLES, BATCH


def test_a_redis_restart_losing_queued_tasks_loses_no_extraction_and_duplicates_nothing(scenario, private_redis):
    seeded = scenario.step("seed", str(ARTICLES))
    reviewed = len(seeded["reviewed_articles"])
    assert scenario.step("enqueue") == {"queued": ARTICLES}
    messages = [json.loads(message) for message in private_redis.client().lrange("celery", 0, -1)]
    queued_messages = sum(message["headers"]["task"] == "tasks.tasks.extract_articles" for message in messages)
    assert queued_messages == ARTICLES // BATCH  # besides sanctions matching of the seeded officials

    private_redis.restart()

    assert private_redis.client().llen("celery") == 0  # the queued messages are gone
    scenario.start_worker("worker@redisrestart")
    at_restart = scenario.wait_until_idle()
    assert at_restart["queued"] == ARTICLES  # nothing ran: the database still says what is wanted
    sweep = scenario.step("sweep")
    assert sweep["resent_queued"] == ARTICLES
    scenario.wait_for_runs(lambda runs: runs["succeeded"] == ARTICLES + reviewed, 180, "every article to be extracted")
    print(f"\n[redis restart] messages queued={queued_messages}, runs after restart={dict(at_restart)}, sweep={sweep}")
    scenario.assert_recovered(seeded, "redis restart")
