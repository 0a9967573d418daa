"""Bewonersstem: residents' contributions, their support and reactions, and the public trail of what became of them."""
