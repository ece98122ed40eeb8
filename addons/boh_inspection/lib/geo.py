"""GPS checks of a visit, in plain Python (no Odoo import).

The phone sends the auditor's position when a visit starts and when it is
signed; the visit records how far from the store it was taken.
"""

import math

EARTH_RADIUS_M = 6371008.8


def haversine_m(lat1, lon1, lat2, lon2):
    """Great-circle distance in metres between two WGS84 points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = (
        math.sin(dphi / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, a)))


def distance_to_store(lat, lon, store_lat, store_lon, limit_m):
    """How far a reading is from the store, and whether that is too far.

    :param store_lat: the store's latitude; a store at (0, 0) has no
        position recorded, nothing is measured
    :param limit_m: the largest distance (metres) still counted at the store
    :return: ``(distance, too_far)``; ``(None, False)`` when the store has no
        position
    """
    if not (store_lat or store_lon):
        return None, False
    distance = haversine_m(lat, lon, store_lat, store_lon)
    return distance, distance > limit_m
