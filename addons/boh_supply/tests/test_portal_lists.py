from odoo.tests import HttpCase, tagged

from .common import SupplyCase


@tagged("post_install", "-at_install")
class TestPortalLists(HttpCase, SupplyCase):
    """The supplier's lists of orders and requests for quotation: search by
    reference or product, confirmation filters, pages."""

    def _listed(self, url, order):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return f"/my/purchase/{order.id}?" in response.text

    def test_orders_search_and_filters(self):
        self.authenticate(self.portal_1.login, self.portal_1.login)
        po = self.po_1
        product = self.line_1.product_id.name
        for url, listed in (
            ("/my/purchase", True),
            (f"/my/purchase?search={po.name}", True),
            (f"/my/purchase/page/1?search={po.name}&search_in=name", True),
            ("/my/purchase?search=no-such-order", False),
            (f"/my/purchase?search={product}&search_in=product", True),
            ("/my/purchase?search=no-such-product&search_in=product", False),
            ("/my/purchase?filterby=boh_to_confirm", True),
            ("/my/purchase?filterby=boh_rejected", False),
            (f"/my/purchase?filterby=purchase&search={po.name}", True),
            (f"/my/purchase?filterby=cancel&search={po.name}", False),
        ):
            with self.subTest(url=url):
                self.assertEqual(self._listed(url, po), listed)

    def test_requests_for_quotation_search(self):
        rfq = self._make_po(self.supplier_1, [(self.product, 2, 3.0)])
        rfq.state = "sent"
        self.authenticate(self.portal_1.login, self.portal_1.login)
        for url, listed in (
            ("/my/rfq", True),
            (f"/my/rfq?search={rfq.name}", True),
            ("/my/rfq?search=no-such-order", False),
            (f"/my/rfq?search={self.product.name}&search_in=product", True),
        ):
            with self.subTest(url=url):
                self.assertEqual(self._listed(url, rfq), listed)
        # a confirmed order is no request for quotation
        self.assertFalse(self._listed(f"/my/rfq?search={self.po_1.name}", self.po_1))
