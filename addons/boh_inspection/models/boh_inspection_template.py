import uuid

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# The grades of a new template; their names are stored in every installed
# language, as a chain that renames them does in the form.
DEFAULT_BANDS = [
    ("A", 90.0, False),
    ("B", 75.0, False),
    ("C", 60.0, False),
    (_lt("Fail"), 0.0, True),
]


def new_key(*_args):
    return uuid.uuid4().hex


class BohInspectionTemplate(models.Model):
    """A checklist of sections and items, in versions.

    Once an inspection uses a version, the version is frozen: any change made
    to it (or to its sections, items and options) is applied to a new version,
    and the old one is archived.  Past inspections keep pointing to the
    version they were conducted with.
    """

    _name = "boh.inspection.template"
    _description = "Inspection Template"
    _inherit = ["mail.thread"]
    _order = "sequence, name, version desc"

    # Fields that can change on a used version without creating a new one.
    _VERSION_FREE_FIELDS = frozenset(
        {"active", "sequence", "message_follower_ids", "message_main_attachment_id"}
    )

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(
        help="Short code, the same for every version of the template.",
    )
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    version = fields.Integer(default=1, readonly=True, copy=False)
    origin_key = fields.Char(
        default=new_key,
        readonly=True,
        index=True,
        help="Shared by every version of the template.",
    )
    previous_version_id = fields.Many2one(
        "boh.inspection.template", readonly=True, copy=False, ondelete="set null"
    )
    section_ids = fields.One2many(
        "boh.inspection.section", "template_id", string="Sections", copy=True
    )
    item_ids = fields.One2many("boh.inspection.item", "template_id", string="Items")
    grade_band_ids = fields.One2many(
        "boh.inspection.grade.band", "template_id", string="Grade Bands", copy=True
    )
    item_count = fields.Integer(compute="_compute_item_count")
    inspection_count = fields.Integer(compute="_compute_inspection_count")
    xlsx_file = fields.Binary(compute="_compute_xlsx_file", string="XLSX Export")
    is_used = fields.Boolean(
        compute="_compute_inspection_count",
        help="Inspections use this version: changes create a new version.",
    )

    def _compute_item_count(self):
        counts = dict(
            self.env["boh.inspection.item"]._read_group(
                [("template_id", "in", self.ids)], ["template_id"], ["__count"]
            )
        )
        for template in self:
            template.item_count = counts.get(template, 0)

    def _compute_inspection_count(self):
        used = self._used_counts()
        for template in self:
            template.inspection_count = used.get(template.id, 0)
            template.is_used = bool(template.inspection_count)

    def _compute_xlsx_file(self):
        wizard = self.env["boh.inspection.template.import"]
        for template in self:
            template.xlsx_file = wizard._export_template(template)

    def _used_counts(self):
        if not self.ids:
            return {}
        # sudo: whether a version is used must not depend on who looks at it.
        groups = (
            self.env["boh.inspection"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(
                [("template_id", "in", self.ids)], ["template_id"], ["__count"]
            )
        )
        return {template.id: count for template, count in groups}

    @api.model_create_multi
    def create(self, vals_list):
        defaulted = []
        for index, vals in enumerate(vals_list):
            if not vals.get("grade_band_ids"):
                defaulted.append(index)
                vals["grade_band_ids"] = [
                    (
                        0,
                        0,
                        {
                            "name": getattr(name, "_source", name),
                            "min_score": minimum,
                            "is_failure": fail,
                        },
                    )
                    for name, minimum, fail in DEFAULT_BANDS
                ]
        templates = super().create(vals_list)
        if defaulted:
            templates.browse(
                [templates[i].id for i in defaulted]
            )._translate_default_bands()
        return templates

    def _translate_default_bands(self):
        """The default grades' names in every installed language."""
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        for name, _minimum, _fail in DEFAULT_BANDS:
            if not hasattr(name, "_translate"):
                continue
            translations = {}
            for lang in langs:  # a loop: each language's own translation
                translations[lang] = name._translate(lang)
            bands = self.grade_band_ids.filtered(
                lambda band, source=name._source: (
                    band.with_context(lang="en_US").name == source
                )
            )
            for band in bands:
                band.update_field_translations("name", translations)

    def write(self, vals):
        if self.env.context.get("boh_inspection_versioning") or not (
            set(vals) - self._VERSION_FREE_FIELDS
        ):
            return super().write(vals)
        used = self.filtered("is_used")
        for template in used:
            new_template, _mapping = template._create_new_version()
            new_template.write(vals)
        return super(BohInspectionTemplate, self - used).write(vals)

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        if not self.env.context.get("boh_inspection_versioning"):
            for vals in vals_list:
                vals["origin_key"] = new_key()
        return vals_list

    def _create_new_version(self):
        """The version that receives the changes made to this used version.

        That is the newest version of the template when no inspection uses it
        yet, else a copy of the newest version (the used ones are archived).

        :return: the editable version and a dict mapping each section, item
            and option of this version to its counterpart there
        """
        self.ensure_one()
        template = self.with_context(boh_inspection_versioning=True)
        versions = template.with_context(active_test=False).search(
            [("origin_key", "=", self.origin_key)], order="version desc"
        )
        latest = versions[:1]
        if latest != self and not latest.is_used:
            target = latest
        else:
            target = latest.copy(
                {
                    "version": latest.version + 1,
                    "previous_version_id": latest.id,
                    "origin_key": self.origin_key,
                }
            )
            new_items = {i.key: i for i in target.item_ids}
            for item in target.item_ids.filtered("parent_item_id"):
                parent = new_items.get(item.parent_item_id.key)
                item.parent_item_id = parent or False
            (versions - target).filtered("active").active = False
            root = self.env.ref("base.partner_root")
            # as the system: administrators may have no email address to post from
            target.message_post(
                author_id=root.id,
                email_from=root.email_formatted,
                body=_(
                    "Version %(version)s created from version %(previous)s, which"
                    " inspections already use.",
                    version=target.version,
                    previous=latest.version,
                ),
            )
        return target, self._version_mapping(target)

    def _version_mapping(self, target):
        sections = {s.key: s for s in target.section_ids}
        items = {i.key: i for i in target.item_ids}
        mapping = {}
        for section in self.section_ids:
            if section.key in sections:
                mapping[section] = sections[section.key]
        for item in self.item_ids:
            copy = items.get(item.key)
            if not copy:
                continue
            mapping[item] = copy
            for option, option_copy in zip(item.option_ids, copy.option_ids):
                mapping[option] = option_copy
        return mapping

    @api.depends("name", "version")
    def _compute_display_name(self):
        for template in self:
            template.display_name = f"{template.name} (v{template.version})"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        for template in self:
            if template.is_used:
                raise UserError(
                    _(
                        "Template %(template)s is used by inspections: archive it"
                        " instead of deleting it.",
                        template=template.display_name,
                    )
                )

    def action_new_version(self):
        """Button: copy a used version into a new editable one and open it."""
        self.ensure_one()
        self.check_access("write")
        new, _mapping = self._create_new_version()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_view_inspections(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_inspection.boh_inspection_action"
        )
        action["domain"] = [("template_id", "=", self.id)]
        return action

    def action_export_xlsx(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/boh.inspection.template/{self.id}/xlsx_file"
            f"?download=true&filename={self.code or 'template'}_v{self.version}.xlsx",
            "target": "self",
        }

    def _get_grade_bands(self):
        """(name, min_score, is_failure) of the bands of this version."""
        self.ensure_one()
        return [(b.name, b.min_score, b.is_failure) for b in self.grade_band_ids]
