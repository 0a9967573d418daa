from tests.scores.world import score_world, world  # noqa: F401  (fixtures)
