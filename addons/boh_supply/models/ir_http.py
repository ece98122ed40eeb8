from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    """The portal speaks the language of the signed-in user.

    Odoo's frontend picks its language from the URL, then from the
    ``frontend_lang`` cookie, and only then from the user. The cookie is set
    on any anonymous visit (a link from an email, the sign-in page), so a
    Chinese supplier who signs in afterwards reads the portal in the
    language of that visit. A language in the URL (the language selector)
    still wins.
    """

    _inherit = "ir.http"

    @classmethod
    def _match(cls, path):
        if not hasattr(request, "is_frontend"):
            # The first segment, before the URL is rewritten without it.
            request.boh_url_lang = path.split("/", 2)[1] if path.count("/") else ""
        return super()._match(path)

    @classmethod
    def _frontend_pre_dispatch(cls):
        user = request.env.user
        if request.session.uid and user.lang and not user._is_public():
            Lang = request.env["res.lang"]
            url_codes = {lang.url_code for lang in Lang._get_frontend().values()}
            if getattr(request, "boh_url_lang", "") not in url_codes:
                code = request.env["ir.http"].get_nearest_lang(user.lang)
                if code and code != request.lang.code:
                    request.lang = Lang._get_data(code=code)
        return super()._frontend_pre_dispatch()
