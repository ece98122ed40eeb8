from odoo.addons.boh_base.tests.common import BohCase


class RecipeCase(BohCase):
    """A small menu whose quantities are worked out by hand in the tests.

    Beef noodles (Units, kit BoM yielding 1 Unit):
      noodles 150 g (ingredient in kg), beef 100 g at 80% yield,
      house sauce 50 ml (normal BoM: central kitchen, sauce in L),
      scallion mix 20 g (kit BoM: made in the store, mix in kg).
    House sauce (normal BoM yielding 5 L):
      soy 1000 ml (in L), sugar 250 g (in kg), ginger 0.2 kg at 50% yield.
    Scallion mix (kit BoM yielding 500 g):
      scallion 450 g at 90% yield (in kg), sesame oil 10 ml (in L).
    Costs (valuation): noodles 4/kg, beef 80/kg, soy 10/L, sugar 8/kg,
    ginger 20/kg, scallion 12/kg, sesame oil 50/L, wrapper 0.1, pork 40/kg.
    Beef noodles sell at 38, dumplings at 4 (one dumpling).
    Pork dumplings (Units, kit BoM yielding 1 Dozen):
      wrapper 12 Units, pork 240 g at 80% yield (in kg).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.unit = ref("uom.product_uom_unit")
        cls.dozen = ref("uom.product_uom_dozen")
        cls.kg = ref("uom.product_uom_kgm")
        cls.gram = ref("uom.product_uom_gram")
        cls.litre = ref("uom.product_uom_litre")
        cls.ml = cls.env["uom.uom"].create(
            {
                "name": "ml (recipe test)",
                "category_id": ref("uom.product_uom_categ_vol").id,
                "uom_type": "smaller",
                "factor": 1000.0,
                "rounding": 0.01,
            }
        )
        product = cls.env["product.product"]

        def make(name, uom, **vals):
            return product.create(
                {
                    "name": name,
                    "is_storable": True,
                    "uom_id": uom.id,
                    "uom_po_id": uom.id,
                    "sale_ok": False,
                    **vals,
                }
            )

        cls.noodles = make("Test noodles", cls.kg, standard_price=4.0)
        cls.beef = make("Test beef", cls.kg, standard_price=80.0)
        cls.soy = make("Test soy sauce", cls.litre, standard_price=10.0)
        cls.sugar = make("Test sugar", cls.kg, standard_price=8.0)
        cls.ginger = make("Test ginger", cls.kg, standard_price=20.0)
        cls.scallion = make("Test scallion", cls.kg, standard_price=12.0)
        cls.sesame_oil = make("Test sesame oil", cls.litre, standard_price=50.0)
        cls.wrapper = make("Test wrapper", cls.unit, standard_price=0.1)
        cls.pork = make("Test pork", cls.kg, standard_price=40.0)
        cls.sauce = make("Test house sauce", cls.litre)
        cls.scallion_mix = make("Test scallion mix", cls.kg)
        cls.beef_noodles = make(
            "Test beef noodles", cls.unit, sale_ok=True, list_price=38.0
        )
        cls.dumplings = make("Test dumplings", cls.unit, sale_ok=True, list_price=4.0)
        cls.bom_noodles = cls.make_bom(
            cls.beef_noodles,
            1,
            cls.unit,
            "phantom",
            [
                (cls.noodles, 150, cls.gram, 100),
                (cls.beef, 100, cls.gram, 80),
                (cls.sauce, 50, cls.ml, 100),
                (cls.scallion_mix, 20, cls.gram, 100),
            ],
        )
        cls.bom_sauce = cls.make_bom(
            cls.sauce,
            5,
            cls.litre,
            "normal",
            [
                (cls.soy, 1000, cls.ml, 100),
                (cls.sugar, 250, cls.gram, 100),
                (cls.ginger, 0.2, cls.kg, 50),
            ],
        )
        cls.bom_mix = cls.make_bom(
            cls.scallion_mix,
            500,
            cls.gram,
            "phantom",
            [
                (cls.scallion, 450, cls.gram, 90),
                (cls.sesame_oil, 10, cls.ml, 100),
            ],
        )
        cls.bom_dumplings = cls.make_bom(
            cls.dumplings,
            1,
            cls.dozen,
            "phantom",
            [(cls.wrapper, 12, cls.unit, 100), (cls.pork, 240, cls.gram, 80)],
        )

    @classmethod
    def make_bom(cls, product, qty, uom, bom_type, lines):
        return cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "product_id": product.id,
                "product_qty": qty,
                "product_uom_id": uom.id,
                "type": bom_type,
                "bom_line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": p.id,
                            "product_qty": q,
                            "product_uom_id": u.id,
                            "boh_yield_pct": y,
                        },
                    )
                    for p, q, u, y in lines
                ],
            }
        )

    @staticmethod
    def line_of(bom, product):
        return bom.bom_line_ids.filtered(lambda line: line.product_id == product)

    def assertRow(self, row, expected):
        """``expected``: {product: qty}; the row has exactly these keys."""
        self.assertEqual(set(row), {p.id for p in expected}, row)
        for product, qty in expected.items():
            self.assertAlmostEqual(row[product.id], qty, places=9, msg=product.name)
