import {Component} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {usePopover} from "@web/core/popover/popover_hook";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";

function fmt(value) {
    if (value === null || value === undefined) {
        return "-";
    }
    return Number(value).toLocaleString(undefined, {maximumFractionDigits: 2});
}

export class SuggestionExplanationPopover extends Component {
    static template = "boh_forecast_ordering.SuggestionExplanationPopover";
    static props = {
        explanation: Object,
        close: {type: Function, optional: true},
    };

    get rows() {
        const e = this.props.explanation;
        if (e.method !== "forecast") {
            return [
                {label: _t("Par level"), value: fmt(e.par)},
                {label: _t("On hand"), value: "- " + fmt(e.on_hand)},
                {label: _t("On order"), value: "- " + fmt(e.on_order)},
                {label: _t("Pack size"), value: fmt(e.rounding)},
            ];
        }
        const rows = [
            {
                label: _t(
                    "Forecast over %(days)s days (%(lead)s until delivery + %(review)s until the next one)",
                    {
                        days: e.coverage_days,
                        lead: e.lead_days,
                        review: e.review_days,
                    }
                ),
                value: fmt(e.forecast),
            },
            {
                label: _t("Safety stock (service level %(level)s%)", {
                    level: e.service_level,
                }),
                value: "+ " + fmt(e.safety_stock),
            },
            {label: _t("On hand"), value: "- " + fmt(e.on_hand)},
            {label: _t("On order"), value: "- " + fmt(e.on_order)},
        ];
        if (e.shelf_life_capped) {
            rows.push({
                label: _t(
                    "Capped to what sells within the shelf life (%(days)s days)",
                    {
                        days: e.shelf_life_days,
                    }
                ),
                value: fmt(e.shelf_life_cap),
            });
        }
        rows.push({
            label: _t("Rounding to packs of %(pack)s", {pack: fmt(e.pack_size)}),
            value: (e.rounding >= 0 ? "+ " : "") + fmt(e.rounding),
        });
        if (e.moq_applied) {
            rows.push({label: _t("Raised to the minimum order"), value: fmt(e.moq)});
        }
        return rows;
    }

    get suggested() {
        const e = this.props.explanation;
        return fmt(e.method === "forecast" ? e.suggested : undefined);
    }
}

export class SuggestionExplanationField extends Component {
    static template = "boh_forecast_ordering.SuggestionExplanationField";
    static props = {...standardFieldProps};

    setup() {
        this.popover = usePopover(SuggestionExplanationPopover, {position: "left"});
    }

    get explanation() {
        return this.props.record.data[this.props.name] || {};
    }

    get hasExplanation() {
        return Boolean(this.explanation.method);
    }

    onClick(ev) {
        if (this.popover.isOpen) {
            this.popover.close();
            return;
        }
        this.popover.open(ev.currentTarget, {explanation: this.explanation});
    }
}

registry.category("fields").add("boh_suggestion_explanation", {
    component: SuggestionExplanationField,
    supportedTypes: ["json"],
});
