"""Where a visit was started and signed: the GPS readings of the phone and
their distance from the store.

A reading farther from the store than ``boh_inspection.max_distance_m``
(system parameter, 300 m by default) does not stop the visit: it leaves a
warning on the visit and in its chatter, for the reviewers.
"""

from odoo import _, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.boh_base.services.inputs import check_number

from ..lib import geo

DEFAULT_MAX_DISTANCE_M = 300
# A reading less precise than this is no position at all.
MAX_ACCURACY_M = 1e6


class BohInspectionGpsMixin(models.AbstractModel):
    _name = "boh.inspection.gps.mixin"
    _description = "GPS checks of an inspection"

    start_latitude = fields.Float(digits=(10, 7), readonly=True, copy=False)
    start_longitude = fields.Float(digits=(10, 7), readonly=True, copy=False)
    start_accuracy = fields.Float(string="Start Accuracy (m)", readonly=True)
    start_distance = fields.Float(string="Distance at Start (m)", readonly=True)
    sign_latitude = fields.Float(digits=(10, 7), readonly=True, copy=False)
    sign_longitude = fields.Float(digits=(10, 7), readonly=True, copy=False)
    sign_accuracy = fields.Float(string="Sign-off Accuracy (m)", readonly=True)
    sign_distance = fields.Float(string="Distance at Sign-off (m)", readonly=True)
    gps_warning = fields.Char(string="Location Warning", readonly=True, copy=False)

    def _position_values(self, prefix, position):
        """Coordinates, accuracy and distance to the store of a GPS reading.

        :param prefix: ``start`` or ``sign``, the step of the reading
        :param position: dict ``latitude``, ``longitude``, ``accuracy`` from
            the phone (checked here)
        :return: ``(vals, warning)``: the values to write and the warning
            text when the reading is missing or too far from the store
        """
        self.ensure_one()
        position = position or {}
        label = _("Inspection %(inspection)s", inspection=self.name)
        if not isinstance(position, dict):
            raise ValidationError(
                _(
                    "%(record)s: the GPS position must be latitude, longitude and"
                    " accuracy, not %(value)r.",
                    record=label,
                    value=position,
                )
            )
        lat, lon = position.get("latitude"), position.get("longitude")
        if lat is None or lon is None:
            return {}, _("No GPS position was given by the device.")
        lat = check_number(lat, label, _("Latitude"), minimum=-90, maximum=90)
        lon = check_number(lon, label, _("Longitude"), minimum=-180, maximum=180)
        accuracy = check_number(
            position.get("accuracy"),
            label,
            _("GPS Accuracy (m)"),
            minimum=0,
            maximum=MAX_ACCURACY_M,
        )
        vals = {
            f"{prefix}_latitude": lat,
            f"{prefix}_longitude": lon,
            f"{prefix}_accuracy": accuracy,
        }
        store = self.store_id
        limit = self._max_distance()
        distance, too_far = geo.distance_to_store(
            lat, lon, store.latitude, store.longitude, limit
        )
        warning = False
        if distance is not None:
            vals[f"{prefix}_distance"] = distance
        if too_far:
            warning = _(
                "The auditor was %(distance)s m from store %(store)s (more than"
                " %(limit)s m).",
                distance=round(distance),
                store=store.display_name,
                limit=limit,
            )
        return vals, warning

    def _max_distance(self):
        """The farthest (metres) a reading may be from the store."""
        param = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("boh_inspection.max_distance_m")
        )
        return int(param) if param else DEFAULT_MAX_DISTANCE_M

    def _gps_warning_with(self, warning):
        """The visit's location warnings, with ``warning`` added."""
        self.ensure_one()
        return "\n".join(filter(None, [self.gps_warning, warning]))
