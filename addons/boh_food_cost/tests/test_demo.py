from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestFoodCostDemo(TransactionCase):
    def test_demo_periods(self):
        loader = self.env["boh.demo.loader"]
        loader.load_chain(stores=2, products=6, days=7, suppliers=1, seed=11)
        loader.load_recipe_demo()
        self.assertTrue(loader.load_food_cost_demo())
        periods = self.env["boh.food.cost.period"].search([], order="date_to")
        self.assertEqual(len(periods), 6)
        self.assertEqual(set(periods.mapped("state")), {"computed"})
        for period in periods:
            self.assertGreater(period.net_sales, 0)
            self.assertGreater(period.food_cost_pct, period.theoretical_food_cost_pct)
            self.assertTrue(period.menu_ids)
        last = periods.filtered(lambda p: p.date_to == periods[-1].date_to)
        reasons = {
            (line.product_id.name, line.suspect_reason)
            for line in last.line_ids
            if line.suspect
        }
        # chicken over its recipe three weeks running; mushrooms lost in
        # the last week without a waste entry
        self.assertIn(("Chicken breast", "over_portioning"), reasons)
        self.assertIn(("Mushroom", "unrecorded_waste"), reasons)
        # the untracked goods the stores received in those weeks are in the
        # counts, the lot-tracked ones are not counted: the over-portioned
        # chicken is each store's largest variance
        for period in last:
            top = period.line_ids.filtered(lambda line: line.rank == 1)
            self.assertEqual(top.product_id.name, "Chicken breast")
            self.assertFalse(
                period.line_ids.filtered(
                    lambda line: line.product_id.tracking == "none" and not line.counted
                )
            )
        # the store managers see their store's last week
        manager = last[0].store_id.manager_id
        mine = self.env["boh.food.cost.period"].with_user(manager).search([])
        self.assertIn(last[0], mine)
        self.assertFalse(loader.load_food_cost_demo(), "loaded once")
