"""A Chinese supplier reads its statements in Chinese: the portal pages, the
messages of its answers and the spreadsheet."""

import io
import re

from lxml import html

from odoo.tests import HttpCase, tagged
from odoo.tools import file_path
from odoo.tools.translate import PoFileReader

from .common import StatementCase

LANG = "zh_CN"
CJK = re.compile(r"[\u3400-\u9fff]")


def addon_terms():
    """The English source strings of this addon (its .pot)."""
    path = file_path("boh_supply_statement/i18n/boh_supply_statement.pot")
    with open(path, "rb") as pot:
        return {entry["src"].strip() for entry in PoFileReader(pot)} - {"ID"}


@tagged("post_install", "-at_install")
class TestStatementZhCn(HttpCase, StatementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["boh.demo.loader"]._install_language(LANG)
        cls.contact_1.lang = LANG
        cls.statement, _other = cls._generate()
        cls.statement.action_send()
        cls.terms = addon_terms()

    def _english(self, texts):
        return sorted({text for text in texts if text in self.terms})

    def test_portal_pages(self):
        self.authenticate("supplier_tour1", "supplier_tour1")
        # The cookie an anonymous visit leaves (a link from an email).
        self.opener.cookies.set("frontend_lang", "en_US")
        for url in ("/my", "/my/statements", f"/my/statements/{self.statement.id}"):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                main = html.fromstring(response.text).find(".//main")
                self.assertRegex(main.text_content(), CJK)
                texts = [" ".join(t.split()) for t in main.itertext() if t.strip()]
                texts += [el.get("placeholder") or "" for el in main.iter() if el.tag]
                self.assertFalse(self._english(texts), url)
        page = self.url_open(f"/my/statements/{self.statement.id}").text
        for chinese in ("确认整张对账单", "提交我的答复", "下载 PDF", "已收货未开票"):
            self.assertIn(chinese, page)

    def test_error_and_messages(self):
        self.authenticate("supplier_tour1", "supplier_tour1")
        page = self.url_open(f"/my/statements/{self.statement.id}").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        rice = self._goods(self.statement, self.pol_rice)
        response = self.url_open(
            f"/my/statements/{self.statement.id}/answer",
            data={"csrf_token": csrf, f"status_{rice.id}": "disputed"},
        )
        self.assertIn("请说明提出异议的原因", response.text)
        self.assertIn(self.statement.name, response.text)

    def test_spreadsheet(self):
        import openpyxl

        self.authenticate("supplier_tour1", "supplier_tour1")
        content = self.url_open(f"/my/statements/{self.statement.id}/xlsx").content
        rows = list(
            openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(
                values_only=True
            )
        )
        cells = [cell for row in rows for cell in row if isinstance(cell, str)]
        self.assertIn("对账单", cells)
        self.assertIn("价格差异", cells)
        self.assertFalse(self._english(cells))
