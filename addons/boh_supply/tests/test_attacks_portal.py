"""Attacks on the supplier portal: bad numbers, dates and ids in its forms.
Each is refused with a clear message, never a server error, and changes
nothing."""

from datetime import timedelta

from odoo.tests import HttpCase, tagged

from .common_attacks import (
    BAD_DATES,
    BAD_NUMBERS,
    CSRF_RE,
    HUGE_ID,
    AttackCase,
    ubl_invoice,
)


@tagged("post_install", "-at_install")
class TestPortalBadInput(HttpCase, AttackCase):
    """Bad numbers, dates and ids in the portal's forms and URLs: the page
    says what is wrong, nothing is written, never a server error."""

    def setUp(self):
        super().setUp()
        self.authenticate("supplier_tour1", "supplier_tour1")
        page = self.url_open(f"/my/purchase/{self.po_1.id}")
        self.csrf = CSRF_RE.search(page.text).group(1)
        self.before = self._state()

    def _check(self, response, *messages):
        self.assertIn(response.status_code, (200, 400, 404), response.url)
        self.assertNotIn("Traceback", response.text)
        for message in messages:
            self.assertIn(message, response.text)
        self.assertEqual(self._state(), self.before)

    def _post(self, url, data, files=None):
        return self.url_open(
            url, data={**data, "csrf_token": self.csrf}, files=files, timeout=60
        )

    def _propose(self, data):
        return self._post(f"/my/purchase/{self.po_1.id}/boh/propose", data)

    def _asn(self, data):
        base = {
            "order_ids": str(self.po_1.id),
            "expected_date": str(self.today + timedelta(days=2)),
        }
        return self._post("/my/boh/asn/new", {**base, **data})

    def _bill(self, data, xml=None):
        files = {"invoice_pdf": ("inv.pdf", b"%PDF-1.4 x", "application/pdf")}
        if xml:
            files["invoice_xml"] = ("inv.xml", xml, "text/xml")
        base = {"order_ids": str(self.po_1.id), "ref": "INV-ATTACK"}
        return self._post("/my/boh/bill/new", {**base, **data}, files=files)

    def test_bad_numbers(self):
        line = self.line_1.id
        forms = [
            (
                "proposal",
                "Proposed quantity",
                lambda v: self._propose({f"qty_{line}": v}),
            ),
            (
                "proposal",
                "Proposed price",
                lambda v: self._propose({f"price_{line}": v}),
            ),
            ("notice", "Quantity", lambda v: self._asn({f"qty_{line}": v})),
            ("bill", "Quantity", lambda v: self._bill({f"qty_{line}": v})),
            (
                "bill",
                "Unit price",
                lambda v: self._bill({f"qty_{line}": "1", f"price_{line}": v}),
            ),
        ]
        for form, field, submit in forms:
            for value, message in BAD_NUMBERS.items():
                with self.subTest(form=form, field=field, value=value):
                    self._check(submit(value), field, message)

    def test_bad_dates(self):
        line = self.line_1.id
        forms = [
            ("proposal", "Proposed date", lambda v: self._propose({f"date_{line}": v})),
            (
                "notice",
                "Expected arrival",
                lambda v: self._asn({"expected_date": v, f"qty_{line}": "1"}),
            ),
            (
                "notice",
                "Expiry date",
                lambda v: self._asn({f"qty_{line}": "1", f"expiry_{line}": v}),
            ),
            (
                "bill",
                "Invoice date",
                lambda v: self._bill({f"qty_{line}": "1", "invoice_date": v}),
            ),
        ]
        for form, field, submit in forms:
            for value, message in BAD_DATES.items():
                with self.subTest(form=form, field=field, value=value):
                    self._check(submit(value), field, message)

    def test_bad_ubl(self):
        line = self.line_1.id
        for value, message in BAD_NUMBERS.items():
            if value == "abc":
                message = "cannot be read"
            for field, xml in (
                ("Quantity (UBL)", ubl_invoice("UBL-Q", line, qty=value)),
                ("Price (UBL)", ubl_invoice("UBL-P", line, price=value)),
            ):
                with self.subTest(field=field, value=value):
                    expected = (message,) if value == "abc" else (field, message)
                    self._check(self._bill({"ref": ""}, xml=xml), *expected)
        for value, message in BAD_DATES.items():
            with self.subTest(issue_date=value):
                xml = ubl_invoice("UBL-D", line, issue_date=value)
                self._check(self._bill({"ref": ""}, xml=xml), "Issue date", message)

    def test_scorecard_years(self):
        for params, field in (
            ("date_from=0001-01-01", "Scorecard: From"),
            ("date_to=9999-12-31", "Scorecard: To"),
            ("date_from=0001-01-01&date_to=0001-12-31", "Scorecard: From"),
            ("date_from=2024-01-01&date_to=9999-12-31", "Scorecard: To"),
            ("date_from=x", "Scorecard: From"),
        ):
            for url in ("/my/boh/scorecard", "/my/boh/scorecard/receipts"):
                with self.subTest(url=url, params=params):
                    response = self.url_open(f"{url}?{params}")
                    self.assertEqual(response.status_code, 200)
                    self._check(response, "Scorecard", field)

    def test_other_suppliers_ids(self):
        other_line = self.po_2.order_line.id
        for url in (
            f"/my/purchase/{self.po_2.id}",
            f"/my/boh/asn/{self.asn_2.id}",
            f"/my/boh/bill/{self.bill_2.id}",
            f"/my/purchase/{HUGE_ID}",
            f"/my/boh/asn/{HUGE_ID}",
            f"/my/boh/bill/{HUGE_ID}",
            f"/my/boh/asn/new?order_ids={self.po_2.id}",
            f"/my/boh/bill/new?order_ids={self.po_2.id}",
            f"/my/boh/asn/new?order_ids={HUGE_ID}",
            f"/my/boh/bill/new?order_ids={self.po_1.id},abc",
            "/my/boh/asn/abc",
            "/my/boh/bill/1.5",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self._check(response)
                self.assertNotIn(self.po_2.name, response.text)
                self.assertNotIn("TWO-1", response.text)
        self.before = self._state()
        for url, data, message in (
            (
                f"/my/purchase/{self.po_1.id}/boh/confirm",
                {"line_ids": str(other_line)},
                "are not lines of order",
            ),
            (
                f"/my/purchase/{self.po_1.id}/boh/confirm",
                {"line_ids": "abc"},
                "must be the id of a record",
            ),
            (
                f"/my/purchase/{self.po_1.id}/boh/confirm",
                {"line_ids": HUGE_ID},
                "must be the id of a record",
            ),
            (f"/my/purchase/{HUGE_ID}/boh/confirm", {}, None),
            (f"/my/purchase/{self.po_2.id}/boh/reject", {"reason": "x"}, None),
            (
                f"/my/purchase/{self.po_1.id}/boh/propose",
                {f"qty_{other_line}": "1"},
                "changes nothing",
            ),
            (
                "/my/boh/asn/new",
                {
                    "order_ids": f"{self.po_1.id},{self.po_2.id}",
                    "expected_date": str(self.today),
                    f"qty_{other_line}": "1",
                },
                "Choose confirmed orders of yours",
            ),
            (
                "/my/boh/asn/new",
                {
                    "order_ids": str(self.po_1.id),
                    "expected_date": str(self.today),
                    f"qty_{other_line}": "1",
                },
                "at least one line",
            ),
            (
                "/my/boh/asn/new",
                {"order_ids": f"{self.po_1.id} 1e3", "expected_date": "2099-01-01"},
                "must be the id of a record",
            ),
            (
                "/my/boh/bill/new",
                {"order_ids": HUGE_ID, "ref": "X", f"qty_{other_line}": "1"},
                "must be the id of a record",
            ),
            (
                "/my/boh/bill/new",
                {"order_ids": str(self.po_2.id), "ref": "X", f"qty_{other_line}": "1"},
                "Choose confirmed orders of yours",
            ),
        ):
            with self.subTest(url=url, data=data):
                response = self._post(url, data)
                self._check(response, *([message] if message else []))
                self.assertNotIn(self.po_2.name, response.text)
