"""The point-in-boundary check (regions.geometry.contains_point) that submitting a point relies on."""

from wijkkompas.regions.geometry import contains_point

SQUARE = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]
HOLE = [[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]
ISLAND = [[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]]


def test_polygon_with_a_hole():
    polygon = {"type": "Polygon", "coordinates": [SQUARE, HOLE]}
    assert contains_point(polygon, 0.5, 0.5)
    assert not contains_point(polygon, 2, 2)  # in the hole
    assert not contains_point(polygon, 5, 2)
    assert not contains_point(polygon, -1, 2)


def test_multipolygon_counts_every_part():
    multi = {"type": "MultiPolygon", "coordinates": [[SQUARE], [ISLAND]]}
    assert contains_point(multi, 10.5, 10.5) and contains_point(multi, 3.5, 3.5)
    assert not contains_point(multi, 7, 7)


def test_a_concave_shape():
    l_shape = {"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 1], [1, 1], [1, 4], [0, 4], [0, 0]]]}
    assert contains_point(l_shape, 0.5, 3.5) and contains_point(l_shape, 3.5, 0.5)
    assert not contains_point(l_shape, 3, 3)
