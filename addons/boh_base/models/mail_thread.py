from email.utils import formataddr

from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _message_compute_author(
        self, author_id=None, email_from=None, raise_on_email=True
    ):
        """Employees without an email address still post in the chatter.

        Most store staff have no email address, and Odoo refuses every message
        whose author has none ("configure the sender's email address"): a
        late order, a signature or an accepted proposal would be blocked. The
        message stays authored by the employee; only its sender address, used
        if it is ever mailed, becomes the company's (or the mail server's
        default sender).
        """
        author_id, email_from = super()._message_compute_author(
            author_id, email_from, raise_on_email=False
        )
        if not email_from and raise_on_email and not self.env.su:
            author = self.env["res.partner"].browse(author_id)
            # sudo: whether the author is an employee is read, nothing else
            if author and any(not u.share for u in author.sudo().user_ids):
                sender = (
                    self.env.company.email
                    or self.env["ir.mail_server"]._get_default_from_address()
                    or self.env.ref("base.partner_root").sudo().email
                )
                if sender:
                    email_from = formataddr((author.name or "", sender))
            if not email_from:
                # Odoo's own refusal, for anyone else (portal, public)
                return super()._message_compute_author(
                    author_id, None, raise_on_email=True
                )
        return author_id, email_from
