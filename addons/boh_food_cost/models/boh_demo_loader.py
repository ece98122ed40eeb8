from odoo import models


class BohDemoLoader(models.AbstractModel):
    _inherit = "boh.demo.loader"
