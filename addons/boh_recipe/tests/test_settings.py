import re

from lxml import etree

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from odoo.addons.boh_base.tests.common import BohCase, make_user


@tagged("post_install", "-at_install")
class TestRecipeSettings(BohCase):
    """The recipe settings sit in the BOH app of Settings, made by boh_base."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a BOH administrator who may open Settings
        cls.settings_admin = make_user(
            cls.env,
            "boh_recipe_settings_admin",
            "boh_base.group_boh_admin,base.group_system",
        )

    def test_cost_source_in_boh_app(self):
        Settings = self.env["res.config.settings"].with_user(self.settings_admin)
        arch = etree.fromstring(
            Settings.get_views([(False, "form")])["views"]["form"]["arch"]
        )
        apps = arch.xpath("//app[@string='BOH']")
        self.assertEqual([app.get("name") for app in apps], ["boh_base"])
        self.assertTrue(apps[0].xpath(".//field[@name='boh_recipe_cost_source']"))
        company = self.settings_admin.company_id
        self.assertNotEqual(company.boh_recipe_cost_source, "supplier")
        with Form(Settings) as form:
            form.boh_recipe_cost_source = "supplier"
        form.record.execute()
        self.assertEqual(company.boh_recipe_cost_source, "supplier")

    def test_company_target_bad_numbers(self):
        """A default target that is not a finite percentage is refused naming
        the company and the field; nothing is written."""
        company = self.settings_admin.company_id
        before = company.boh_target_food_cost_pct
        for value in ("nan", "inf", 1e308, "abc", -5.0, 101.0):
            with self.subTest(value=value):
                with self.assertRaisesRegex(
                    ValidationError,
                    rf"{re.escape(company.name)}.*Default Target Food Cost",
                ):
                    company.with_user(self.settings_admin).write(
                        {"boh_target_food_cost_pct": value}
                    )
                self.assertEqual(company.boh_target_food_cost_pct, before)
