from odoo.tests import HttpCase, tagged

from .common import InspectionCase


@tagged("post_install", "-at_install")
class TestConductTour(HttpCase, InspectionCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_conduct_on_a_phone(self):
        template = self.env["boh.inspection.template"].create(
            {
                "name": "Quick Check",
                "section_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Checks",
                            "item_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "name": "Hands washed",
                                        "sequence": 1,
                                        "item_type": "passfail",
                                        "auto_action": True,
                                        "photo_required_on_fail": True,
                                    },
                                ),
                                (
                                    0,
                                    0,
                                    {
                                        "name": "Menu displayed",
                                        "sequence": 2,
                                        "item_type": "yesno",
                                    },
                                ),
                                (
                                    0,
                                    0,
                                    {
                                        "name": "Fridge temperature",
                                        "sequence": 3,
                                        "item_type": "number",
                                        "has_max": True,
                                        "max_value": 4,
                                        "unit": "°C",
                                    },
                                ),
                                (
                                    0,
                                    0,
                                    {
                                        "name": "Display photo",
                                        "sequence": 4,
                                        "item_type": "photo",
                                    },
                                ),
                                (
                                    0,
                                    0,
                                    {
                                        "name": "Shift leader signature",
                                        "sequence": 5,
                                        "item_type": "signature",
                                    },
                                ),
                            ],
                        },
                    )
                ],
            }
        )
        inspection = self.env["boh.inspection"].create(
            {
                "template_id": template.id,
                "store_id": self.store_a.id,
                "auditor_id": self.area_1.id,
            }
        )
        self.start_tour(
            f"/odoo/boh_inspection_conduct/{inspection.id}",
            "boh_inspection_conduct_tour",
            login="boh_area_1",
        )
        self.assertEqual(inspection.state, "signed")
        self.assertEqual(inspection.signed_by, "Tour Manager A")  # name proposed
        self.assertTrue(inspection.signature)
        self.assertLess(inspection.start_distance, 100)
        self.assertEqual(inspection.start_accuracy, 9)
        hands = inspection.answer_ids.filtered(
            lambda a: a.item_id.name == "Hands washed"
        )
        self.assertTrue(hands.is_failed)
        self.assertEqual(hands.photo_count, 1)
        self.assertEqual(inspection.action_ids.answer_id, hands)
        self.assertTrue(inspection.action_ids.is_automatic)
        # the two answers given offline reached the server, in order
        menu = inspection.answer_ids.filtered(
            lambda a: a.item_id.name == "Menu displayed"
        )
        self.assertEqual(menu.value_choice, "yes")
        self.assertTrue(menu.client_time)
        display = inspection.answer_ids.filtered(lambda a: a.item_type == "photo")
        self.assertTrue(display.answered)
        self.assertEqual(display.photo_count, 1)
        signature = inspection.answer_ids.filtered(lambda a: a.item_type == "signature")
        self.assertTrue(signature.answered)
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "boh.inspection.answer"),
                ("res_field", "=", "signature"),
                ("res_id", "=", signature.id),
            ]
        )
        self.assertEqual(attachment.mimetype, "image/png")
        self.assertTrue(inspection.check_integrity())
