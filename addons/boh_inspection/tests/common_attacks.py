"""The signed visit the attack tests try to change, and their helpers."""

from odoo.exceptions import UserError

from .common import InspectionCase, png_b64

# AccessError is a UserError: either refusal (access or lock) counts.
REFUSED = UserError


class AttackCase(InspectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, boh_inspection_no_report=True))
        visit = (
            cls.env["boh.inspection"]
            .with_user(cls.area_1)
            .create(
                {
                    "template_id": cls.template.id,
                    "store_id": cls.store_a.id,
                    "auditor_id": cls.area_1.id,
                }
            )
        )
        Answer = cls.env["boh.inspection.answer"].with_user(cls.area_1)

        def save(item, **vals):
            Answer.action_save_answer(
                dict(vals, inspection_id=visit.id, item_id=item.id)
            )

        save(cls.fridge, value_number=3.0)
        save(cls.hands, value_choice="fail", note="no soap")
        save(cls.clean, value_number=4)
        save(cls.greeting, option_ids=[cls.warm.id])
        save(cls.menu, value_choice="yes")
        cls.hands_answer = visit.answer_ids.filtered(lambda a: a.item_id == cls.hands)
        cls.menu_answer = visit.answer_ids.filtered(lambda a: a.item_id == cls.menu)
        cls.photo = cls.env["ir.attachment"].browse(
            cls.hands_answer.with_user(cls.area_1).action_add_photo(
                "hands.png", png_b64()
            )["id"]
        )
        visit.action_sign(
            signature=cls.signature, signed_by="Tour Manager A", position=cls.near
        )
        cls.signed = visit.with_env(cls.env)
        cls.action = cls.signed.action_ids
        cls.open_visit = cls.env["boh.inspection"].create(
            {
                "template_id": cls.template.id,
                "store_id": cls.store_a.id,
                "auditor_id": cls.area_1.id,
            }
        )

    def _refused(self, exceptions, func, *args, **kwargs):
        """Run an attack in a savepoint; it must be refused."""
        with self.assertRaises(exceptions) as caught, self.env.cr.savepoint():
            func(*args, **kwargs)
        self.env.invalidate_all()
        return caught.exception

    def _snapshot(self, inspection=None):
        inspection = inspection or self.signed
        self.env.invalidate_all()
        return (
            inspection._compute_answer_hash(),
            inspection.state,
            len(inspection.answer_ids),
            len(inspection.section_score_ids),
        )
