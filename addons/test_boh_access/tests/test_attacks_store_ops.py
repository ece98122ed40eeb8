"""Attacks on waste and counts (see test_attacks)."""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.boh_ordering.tests.test_attacks import BAD_NUMBERS, AttackMixin
from odoo.addons.boh_ordering.tests.test_receiving_common import BohStoreOpsCase


@tagged("post_install", "-at_install")
class TestStoreOpsAttacks(AttackMixin, BohStoreOpsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        location = cls.store_a.lot_stock_id
        cls.env["stock.quant"]._update_available_quantity(cls.product_1, location, 10.0)
        cls.env["stock.quant"]._update_available_quantity(cls.product_2, location, 20.0)

    def _waste(self, post=False):
        waste = (
            self.env["boh.waste"]
            .with_user(self.staff_a)
            .create(
                {
                    "store_id": self.store_a.id,
                    "product_id": self.product_1.id,
                    "quantity": 2.0,
                    "reason": "expired",
                }
            )
        )
        if post:
            waste.action_post()
        return waste.with_env(self.env)

    def _count(self, post=False):
        count = (
            self.env["boh.stock.count"]
            .with_user(self.staff_a)
            .create({"store_id": self.store_a.id})
        )
        count.action_load_guide()
        if post:
            count.action_post()
        return count.with_env(self.env)

    # -- direct writes of workflow fields ----------------------------------------
    def test_waste_workflow_fields(self):
        fields = ["state", "scrap_id", "quantity"]
        draft = self._waste()
        posted = self._waste(post=True)
        # posted without scrapping anything, or with another scrap
        self._write_refused(
            self.staff_a, draft, {"state": "done"}, fields, exc=AccessError
        )
        self._write_refused(
            self.manager_a,
            draft,
            {"state": "done", "scrap_id": posted.scrap_id.id},
            fields,
            exc=AccessError,
        )
        # un-posted (its stock stays scrapped), or its scrap unlinked
        self._write_refused(
            self.manager_a, posted, {"state": "draft"}, fields, exc=AccessError
        )
        self._write_refused(
            self.manager_a, posted, {"scrap_id": False}, fields, exc=AccessError
        )
        self._create_refused(
            self.staff_a,
            "boh.waste",
            {
                "store_id": self.store_a.id,
                "product_id": self.product_2.id,
                "quantity": 1.0,
                "reason": "expired",
                "state": "done",
            },
            [("product_id", "=", self.product_2.id)],
            exc=AccessError,
        )

    def test_count_workflow_fields(self):
        fields = ["state", "move_ids"]
        draft = self._count()
        posted = self._count(post=True)
        moves = posted.sudo().move_ids
        self.assertTrue(moves)
        for records, vals in (
            (draft, {"state": "done"}),
            (draft, {"move_ids": [Command.set(moves.ids)]}),
            (posted, {"state": "draft"}),
            (posted, {"state": "cancel"}),
            (posted, {"move_ids": [Command.clear()]}),
        ):
            with self.subTest(count=records.state, vals=vals):
                self._write_refused(
                    self.manager_a, records, vals, fields, exc=AccessError
                )
        self._write_refused(
            self.staff_a,
            draft.line_ids[0],
            {"qty_theoretical": 999.0},
            ["qty_theoretical", "qty_difference"],
            exc=AccessError,
        )

    def test_posted_count_lines(self):
        count = self._count()
        cups = count.line_ids.filtered(lambda ln: ln.product_id == self.product_2)
        cups.unlink()
        count.with_user(self.staff_a).action_post()
        flour = count.line_ids
        fields = ["qty_counted", "product_id", "qty_theoretical"]
        self._write_refused(
            self.staff_a, flour, {"qty_counted": 0.0}, fields, exc=UserError
        )
        self._write_refused(
            self.manager_a,
            count,
            {"line_ids": [Command.update(flour.id, {"qty_counted": 0.0})]},
            ["line_ids"],
            exc=UserError,
        )
        self._refused(
            lambda: flour.with_user(self.manager_a).unlink(),
            count,
            ["line_ids"],
            exc=UserError,
        )
        self._write_refused(
            self.manager_a,
            count,
            {"line_ids": [Command.delete(flour.id)]},
            ["line_ids"],
            exc=UserError,
        )
        self._create_refused(
            self.staff_a,
            "boh.stock.count.line",
            {"count_id": count.id, "product_id": self.product_2.id},
            [("count_id", "=", count.id)],
            exc=UserError,
        )

    # -- records moved to another store ------------------------------------------
    def test_store_moves(self):
        waste, count = self._waste(), self._count()
        for user, records in (
            (self.area_1, waste),
            (self.area_1, count),
            (self.staff_a, waste),
        ):
            with self.subTest(user=user.login, model=records._name):
                self._write_refused(
                    user, records, {"store_id": self.store_b.id}, exc=AccessError
                )
        other = self.env["boh.stock.count"].create({"store_id": self.store_b.id})
        self._write_refused(
            self.area_1,
            count.line_ids[0],
            {"count_id": other.id},
            ["count_id", "store_id"],
            exc=AccessError,
        )

    # -- bad numbers ---------------------------------------------------------------
    def test_bad_numbers(self):
        waste, count = self._waste(), self._count()
        line = count.line_ids[0]
        line.with_user(self.staff_a).qty_counted = 5.0
        for user, records, fname, regex in (
            (self.staff_a, waste, "quantity", f"{waste.name}.*Quantity"),
            (self.staff_a, line, "qty_counted", f"{count.name}.*Counted"),
        ):
            for value in BAD_NUMBERS:
                with self.subTest(model=records._name, field=fname, value=value):
                    self._write_refused(
                        user,
                        records,
                        {fname: value},
                        exc=ValidationError,
                        regex=regex,
                    )
        for value in ("nan", "inf", "1e308"):
            with self.subTest(value=value):
                self._create_refused(
                    self.staff_a,
                    "boh.waste",
                    {
                        "store_id": self.store_a.id,
                        "product_id": self.product_2.id,
                        "quantity": value,
                        "reason": "expired",
                    },
                    [("product_id", "=", self.product_2.id)],
                    exc=ValidationError,
                )
