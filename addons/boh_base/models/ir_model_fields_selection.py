from odoo import api, models


class IrModelFieldsSelection(models.Model):
    _inherit = "ir.model.fields.selection"

    @api.model
    def _boh_translate_mixin_choices(self, langs):
        """Give BOH models the translations of the choices they inherit.

        The choices of a mixin's field (an activity's state from mail, an
        approval's status from base_tier_validation) are one record per model
        that inherits the mixin, and Odoo's translation files only list the
        models of Odoo's own addons. A BOH model's copy of such a choice takes
        the translation of the same field, value and English label from a
        model that has it (the mixin's own), where it has none yet.
        """
        for lang in langs:
            if lang == "en_US":
                continue
            self.env.cr.execute(
                """
                UPDATE ir_model_fields_selection sel
                   SET name = sel.name || jsonb_build_object(%(lang)s, src.label)
                  FROM ir_model_fields fld,
                       (SELECT DISTINCT ON (f.name, s.value, s.name->>'en_US')
                               f.name AS field_name, s.value,
                               s.name->>'en_US' AS source,
                               s.name->>%(lang)s AS label
                          FROM ir_model_fields_selection s
                          JOIN ir_model_fields f ON f.id = s.field_id
                         WHERE s.name ? %(lang)s
                         ORDER BY f.name, s.value, s.name->>'en_US', s.id) src
                 WHERE fld.id = sel.field_id
                   AND fld.model LIKE 'boh.%%'
                   AND NOT sel.name ? %(lang)s
                   AND src.field_name = fld.name
                   AND src.value = sel.value
                   AND src.source = sel.name->>'en_US'
                """,
                {"lang": lang},
            )
            if self.env.cr.rowcount:
                self.invalidate_model(["name"])
                self.env.registry.clear_cache()
        return True
