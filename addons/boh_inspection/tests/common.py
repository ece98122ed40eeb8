import base64
import io

from PIL import Image, ImageDraw

from odoo.addons.boh_base.tests.common import BohCase


def png_bytes(size=(8, 8), color=(200, 30, 30)):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def png_b64(size=(8, 8), color=(200, 30, 30)):
    return base64.b64encode(png_bytes(size, color)).decode()


def signature_b64(size=(120, 40)):
    """A transparent PNG with a stroke drawn on it, as a signature pad gives."""
    image = Image.new("RGBA", size, (255, 255, 255, 0))
    ImageDraw.Draw(image).line(
        [(4, size[1] - 6), (size[0] // 2, 6), (size[0] - 4, size[1] - 8)],
        fill=(0, 0, 139, 255),
        width=3,
    )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return base64.b64encode(out.getvalue()).decode()


class InspectionCase(BohCase):
    """A food safety template (two sections) and helpers to conduct a visit.

    Store A is at People's Square, Shanghai; ``area_1`` audits region 1.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store_a.write({"latitude": 31.2304, "longitude": 121.4737})
        cls.store_a.area_manager_id = cls.area_1
        cls.template = cls.env["boh.inspection.template"].create(
            {
                "name": "Food Safety",
                "code": "FS",
                "section_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Cold Chain",
                            "sequence": 1,
                            "item_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "name": "Fridge temperature",
                                        "sequence": 1,
                                        "item_type": "number",
                                        "has_min": True,
                                        "min_value": 0,
                                        "has_max": True,
                                        "max_value": 4,
                                        "unit": "°C",
                                        "weight": 3,
                                        "is_critical": True,
                                        "severity": "critical",
                                        "auto_action": True,
                                        "photo_required_on_fail": True,
                                    },
                                ),
                                (
                                    0,
                                    0,
                                    {
                                        "name": "Hands washed",
                                        "sequence": 2,
                                        "item_type": "passfail",
                                        "weight": 2,
                                        "auto_action": True,
                                        "severity": "high",
                                        "note_required_on_fail": True,
                                    },
                                ),
                                (
                                    0,
                                    0,
                                    {
                                        "name": "Kitchen cleanliness",
                                        "sequence": 3,
                                        "item_type": "scale",
                                        "scale_max": 4,
                                        "scale_pass_min": 2,
                                        "weight": 1,
                                    },
                                ),
                            ],
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Service",
                            "sequence": 2,
                            "item_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "name": "Greeting",
                                        "sequence": 1,
                                        "item_type": "choice",
                                        "weight": 1,
                                        "option_ids": [
                                            (0, 0, {"name": "Warm", "score": 1.0}),
                                            (
                                                0,
                                                0,
                                                {
                                                    "name": "None",
                                                    "score": 0.0,
                                                    "is_failure": True,
                                                },
                                            ),
                                        ],
                                    },
                                ),
                                (
                                    0,
                                    0,
                                    {
                                        "name": "Menu displayed",
                                        "sequence": 2,
                                        "item_type": "yesno",
                                        "weight": 1,
                                    },
                                ),
                            ],
                        },
                    ),
                ],
            }
        )
        items = {i.name: i for i in cls.template.item_ids}
        cls.fridge = items["Fridge temperature"]
        cls.hands = items["Hands washed"]
        cls.clean = items["Kitchen cleanliness"]
        cls.greeting = items["Greeting"]
        cls.menu = items["Menu displayed"]
        cls.warm, cls.no_greeting = cls.greeting.option_ids
        cls.followup = cls.env["boh.inspection.item"].create(
            {
                "name": "Fridge fixed on the spot?",
                "section_id": cls.fridge.section_id.id,
                "sequence": 5,
                "item_type": "text",
                "parent_item_id": cls.fridge.id,
                "trigger": "fail",
                "weight": 0,
            }
        )
        cls.signature = signature_b64()
        cls.near = {"latitude": 31.2305, "longitude": 121.4738, "accuracy": 8}

    def _inspection(self, store=None, auditor=None):
        return (
            self.env["boh.inspection"]
            .with_user(auditor or self.area_1)
            .create(
                {
                    "template_id": self.template.id,
                    "store_id": (store or self.store_a).id,
                    "auditor_id": (auditor or self.area_1).id,
                }
            )
        )

    def _save(self, inspection, item, **vals):
        Answer = self.env["boh.inspection.answer"].with_user(inspection.env.user)
        return Answer.action_save_answer(
            dict(vals, inspection_id=inspection.id, item_id=item.id)
        )

    def _answer_all(self, inspection, fridge=3.0, hands="pass"):
        self._save(inspection, self.fridge, value_number=fridge)
        self._save(inspection, self.hands, value_choice=hands, note="seen")
        self._save(inspection, self.clean, value_number=4)
        self._save(inspection, self.greeting, option_ids=[self.warm.id])
        self._save(inspection, self.menu, value_choice="yes")

    def _answer(self, inspection, item):
        return inspection.answer_ids.filtered(lambda a: a.item_id == item)

    def _sign(self, inspection):
        return inspection.action_sign(
            signature=self.signature, signed_by="Tour Manager A", position=self.near
        )
