import base64
import io
import logging
import random
import time
from datetime import datetime, timedelta

from PIL import Image, ImageDraw

from odoo import api, fields, models

from ..lib.demo_templates import TEMPLATES

_logger = logging.getLogger(__name__)

DEMO_MONTHS = 3


def demo_png(color, size=(48, 36), text=None):
    """A small generated PNG (a photo or a signature of the demo)."""
    image = Image.new("RGB", size, color)
    if text:
        ImageDraw.Draw(image).line(
            [(2, size[1] - 8), (size[0] // 2, 4), (size[0] - 2, size[1] - 6)],
            fill=(20, 20, 120),
            width=2,
        )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


class BohDemoLoader(models.AbstractModel):
    _inherit = "boh.demo.loader"

    @api.model
    def load_chain(self, chain=None, passwords=False, **params):
        result = super().load_chain(chain=chain, passwords=passwords, **params)
        started = time.perf_counter()
        stores = [
            site for site in result["sites"].values() if site.store_type == "store"
        ]
        months = max(1, min(DEMO_MONTHS, result["chain"].days // 30))
        result["inspections"] = self._load_inspections(stores, months=months)
        result["timings"]["inspections"] = time.perf_counter() - started
        return result

    @api.model
    def load_inspection_demo(self):
        """Demo data of this addon on the chain boh_base already loaded."""
        self._check_demo_loader_access()
        stores = self.env["boh.store"].search([("store_type", "=", "store")])
        return self._load_inspections(stores)

    def _load_inspection_templates(self):
        Template = self.env["boh.inspection.template"]
        existing = {t.code: t for t in Template.search([("code", "!=", False)])}
        templates = {}
        for spec in TEMPLATES:
            if spec["code"] in existing:
                templates[spec["code"]] = existing[spec["code"]]
                continue
            template = Template.create(self._prepare_demo_template_values(spec))
            self._translate_demo_template(template, spec)
            templates[spec["code"]] = template
        return templates

    def _prepare_demo_template_values(self, spec):
        sections = []
        for seq, section in enumerate(spec["sections"]):
            items = []
            for item_seq, (name, _zh, item_type, opts) in enumerate(section["items"]):
                vals = {
                    key: value[0] if isinstance(value, tuple) else value
                    for key, value in opts.items()
                    if key != "options"
                }
                vals.update(sequence=item_seq, name=name, item_type=item_type)
                vals["option_ids"] = [
                    (
                        0,
                        0,
                        {
                            "sequence": i,
                            "name": o[0],
                            "is_failure": o[2],
                            "score": o[3],
                        },
                    )
                    for i, o in enumerate(opts.get("options", []))
                ]
                items.append((0, 0, vals))
            sections.append(
                (0, 0, {"sequence": seq, "name": section["name"][0], "item_ids": items})
            )
        return {"code": spec["code"], "name": spec["name"][0], "section_ids": sections}

    def _translate_demo_template(self, template, spec):
        """zh_CN values of the demo texts (Chinese is activated for them)."""
        self._install_language("zh_CN")
        template.update_field_translations("name", {"zh_CN": spec["name"][1]})
        for section, section_spec in zip(template.section_ids, spec["sections"]):
            section.update_field_translations(
                "name", {"zh_CN": section_spec["name"][1]}
            )
            for item, (_name, zh, _type, opts) in zip(
                section.item_ids, section_spec["items"]
            ):
                item.update_field_translations("name", {"zh_CN": zh})
                for field in ("guidance", "unit"):
                    if isinstance(opts.get(field), tuple):
                        item.update_field_translations(field, {"zh_CN": opts[field][1]})
                for option, option_spec in zip(
                    item.option_ids, opts.get("options", [])
                ):
                    option.update_field_translations("name", {"zh_CN": option_spec[1]})

    def _demo_answer(self, rng, item):
        """A plausible raw answer; about one item in eight fails."""
        fail = rng.random() < 0.12
        if rng.random() < 0.04 and not item.is_critical:
            return {"is_na": True}
        kind = item.item_type
        if kind == "passfail":
            return {"value_choice": "fail" if fail else "pass"}
        if kind == "yesno":
            return {"value_choice": "no" if fail == item.yes_is_pass else "yes"}
        if kind == "scale":
            low = 0 if fail else item.scale_pass_min
            top = max(item.scale_pass_min - 1, 0) if fail else item.scale_max
            return {"value_number": rng.randint(low, top)}
        if kind == "number":
            high = item.max_value if item.has_max else 10.0
            low = item.min_value if item.has_min else 0.0
            value = high + rng.uniform(0.5, 3) if fail else rng.uniform(low, high)
            return {"value_number": round(value, 1)}
        if kind in ("choice", "multi"):
            options = item.option_ids
            bad, good = (
                options.filtered("is_failure"),
                options - options.filtered("is_failure"),
            )
            pick = bad[:1] if fail and bad else good[: 1 if kind == "choice" else 2]
            return {"option_ids": pick.ids}
        if kind == "date":
            return {"value_date": fields.Date.to_string(fields.Date.today())}
        if kind == "text":
            return {"value_text": "OK"}
        return {}

    def _load_inspections(self, stores, months=DEMO_MONTHS):
        if self.env["boh.inspection"].search_count([], limit=1):
            return self.env["boh.inspection"]
        templates = self._load_inspection_templates()
        rng = random.Random(7)
        Inspection = self.env["boh.inspection"].with_context(
            tracking_disable=True, mail_notrack=True, boh_inspection_no_report=True
        )
        admin = self.env.ref("base.user_admin")
        today = fields.Date.today()
        now = datetime.now()
        photo = base64.b64encode(demo_png((200, 60, 40))).decode()
        signature = base64.b64encode(
            demo_png((255, 255, 255), (120, 40), "sig")
        ).decode()
        vals_list = []
        for store in stores:
            auditor = store.area_manager_id or admin
            for month in range(months):
                for code in ("FOOD", "STD"):
                    day = today - timedelta(days=30 * month + rng.randint(1, 20))
                    vals_list.append(
                        {
                            "template_id": templates[code].id,
                            "store_id": store.id,
                            "auditor_id": auditor.id,
                            "kind": "planned" if code == "FOOD" else "surprise",
                            "scheduled_date": day,
                        }
                    )
            vals_list.append(
                {
                    "template_id": templates["OPEN"].id,
                    "store_id": store.id,
                    "auditor_id": auditor.id,
                    "scheduled_date": today + timedelta(days=7),
                }
            )
            vals_list.append(
                {
                    "template_id": templates["OPEN"].id,
                    "store_id": store.id,
                    "auditor_id": auditor.id,
                    "scheduled_date": today - timedelta(days=rng.randint(1, 10)),
                }
            )
        inspections = Inspection.create(vals_list)
        past = inspections.filtered(lambda i: i.scheduled_date < today)
        for index, inspection in enumerate(past):
            if index % 11 == 5:
                inspection.action_cancel()
                continue
            inspection.action_start(
                {
                    "latitude": inspection.store_id.latitude,
                    "longitude": inspection.store_id.longitude,
                    "accuracy": 12.0,
                }
            )
            for answer in inspection.answer_ids:
                if answer.item_type == "photo":
                    answer.action_add_photo("entrance.png", photo)
                    continue
                raw = self._demo_answer(rng, answer.item_id)
                if answer.item_type == "signature":
                    raw = {"signature": signature}
                answer._boh_workflow().write(answer._prepare_answer_values(raw))
                if answer.is_failed:
                    answer.action_add_photo("finding.png", photo)
                    if not answer.note:
                        answer.note = "Seen during the visit."
                answer._sync_auto_actions()
            inspection._update_progress()
            if index % 13 == 3:
                continue  # left in progress
            signed_at = datetime.combine(inspection.scheduled_date, now.time())
            inspection.with_context(boh_inspection_sign_date=signed_at).action_sign(
                signature=signature,
                signed_by=inspection.store_manager_id.name or "Store Manager",
                position={
                    "latitude": inspection.store_id.latitude,
                    "longitude": inspection.store_id.longitude,
                    "accuracy": 15.0,
                },
            )
        self._progress_demo_actions(inspections.action_ids, rng)
        self._load_demo_plans(templates, stores)
        _logger.info("BOH demo: %s inspections", len(inspections))
        return inspections

    def _progress_demo_actions(self, actions, rng):
        evidence = (
            self.env["ir.attachment"].create(
                {
                    "name": "evidence.png",
                    "raw": demo_png((60, 160, 60)),
                    "res_model": "boh.inspection.action",
                    "res_id": actions[:1].id,
                }
            )
            if actions
            else self.env["ir.attachment"]
        )
        recent = actions.sorted(lambda a: a.inspection_id.date, reverse=True)
        for index, action in enumerate(recent):
            age = (fields.Date.today() - action.inspection_id.date).days
            if index < 2 or (age < 40 and rng.random() < 0.5):
                continue  # still open (some overdue)
            action.write(
                {
                    "evidence_note": "Fixed and checked.",
                    "evidence_attachment_ids": [(6, 0, evidence.ids)],
                }
            )
            action.action_submit_evidence()
            if rng.random() < 0.8:
                action.action_accept()

    def _load_demo_plans(self, templates, stores):
        regions = self.env["boh.store"].browse([s.id for s in stores]).region_id
        self.env["boh.inspection.plan"].create(
            [
                {
                    "name": f"Monthly food safety - {region.name}",
                    "template_id": templates["FOOD"].id,
                    "region_id": region.id,
                    "auditor_id": (region.user_ids[:1] or self.env.user).id,
                    "interval_type": "month",
                    "next_date": fields.Date.today() + timedelta(days=20),
                }
                for region in regions
            ]
        )
