from odoo.tests import tagged

from .common import InspectionCase, png_bytes


@tagged("post_install", "-at_install")
class TestPerformance(InspectionCase):
    """Opening a visit of 150 items with photos, and saving one answer, stay cheap."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.big = cls.env["boh.inspection.template"].create(
            {
                "name": "Full audit",
                "section_ids": [
                    (
                        0,
                        0,
                        {
                            "name": f"Section {s}",
                            "sequence": s,
                            "item_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "name": f"Item {s}.{i}",
                                        "sequence": i,
                                        "item_type": "choice"
                                        if i % 5 == 0
                                        else "passfail",
                                        "option_ids": [
                                            (0, 0, {"name": "Good"}),
                                            (0, 0, {"name": "Bad", "is_failure": True}),
                                        ]
                                        if i % 5 == 0
                                        else [],
                                    },
                                )
                                for i in range(15)
                            ],
                        },
                    )
                    for s in range(10)
                ],
            }
        )
        cls.visit = cls.env["boh.inspection"].create(
            {
                "template_id": cls.big.id,
                "store_id": cls.store_a.id,
                "auditor_id": cls.area_1.id,
            }
        )
        answers = cls.visit.answer_ids
        cls.env["ir.attachment"].create(
            [
                {
                    "name": f"p{a.id}.png",
                    "raw": png_bytes(),
                    "res_model": "boh.inspection.answer",
                    "res_id": a.id,
                }
                for a in answers[:40]
            ]
        )
        cls.visit.action_start()
        cls.item = cls.big.item_ids.filtered(lambda i: i.item_type == "passfail")[3]

    def test_open_150_items_in_one_call(self):
        self.assertEqual(len(self.visit.answer_ids), 150)
        visit = self.visit.with_user(self.area_1)
        visit.get_conduct_data()  # warm the access caches, as after a first request
        self.env.invalidate_all()
        # the counter is keyed by the test's user, the calls run as the auditor
        with self.assertQueryCount(__system__=23):
            data = visit.get_conduct_data()
        self.assertEqual(sum(len(s["items"]) for s in data["sections"]), 150)
        self.assertEqual(sum(len(a["photos"]) for a in data["answers"].values()), 40)

    def _count_queries(self, inspection):
        inspection.get_conduct_data()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        inspection.get_conduct_data()
        return self.env.cr.sql_log_count - before

    def test_load_does_not_grow_with_the_items(self):
        small = self.env["boh.inspection"].create(
            {"template_id": self.template.id, "store_id": self.store_a.id}
        )
        self.env["ir.attachment"].create(
            {
                "name": "one.png",
                "raw": png_bytes(),
                "res_model": "boh.inspection.answer",
                "res_id": small.answer_ids[0].id,
            }
        )
        self.assertEqual(
            self._count_queries(small.with_user(self.area_1)),
            self._count_queries(self.visit.with_user(self.area_1)),
        )

    def test_save_one_answer(self):
        Answer = self.env["boh.inspection.answer"].with_user(self.area_1)
        vals = {
            "inspection_id": self.visit.id,
            "item_id": self.item.id,
            "value_choice": "pass",
        }
        Answer.action_save_answer(vals)  # warm the caches once
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=27):
            result = Answer.action_save_answer(dict(vals, value_choice="fail"))
        self.assertTrue(result["answer"]["is_failed"])
