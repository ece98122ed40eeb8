import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { SignatureDialog } from "@web/core/signature/signature_dialog";
import { useService } from "@web/core/utils/hooks";

const GPS_TIMEOUT_MS = 8000;

/** The device's position, or {} when it is unknown or refused. */
function getPosition() {
    return new Promise((resolve) => {
        const geo = navigator.geolocation;
        if (!geo) {
            resolve({});
            return;
        }
        const timer = setTimeout(() => resolve({}), GPS_TIMEOUT_MS + 500);
        geo.getCurrentPosition(
            (pos) => {
                clearTimeout(timer);
                resolve({
                    latitude: pos.coords.latitude,
                    longitude: pos.coords.longitude,
                    accuracy: pos.coords.accuracy,
                });
            },
            () => {
                clearTimeout(timer);
                resolve({});
            },
            { enableHighAccuracy: true, timeout: GPS_TIMEOUT_MS, maximumAge: 60000 }
        );
    });
}

function readAsBase64(file) {
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result.split(",")[1]);
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(file);
    });
}

/**
 * Conducting an inspection on a phone: one item at a time or the whole list,
 * every answer saved as soon as it is given (one call per answer).
 */
export class InspectionConduct extends Component {
    static template = "boh_inspection.InspectionConduct";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.dialog = useService("dialog");
        this.notification = useService("notification");
        this.actionService = useService("action");
        const action = this.props.action || {};
        this.inspectionId =
            this.props.resId ||
            (action.params && (action.params.inspection_id || action.params.resId)) ||
            (action.context && action.context.active_id);
        // Keep the visit in the URL, so that a reload reopens it.
        this.props.updateActionState?.({ resId: this.inspectionId });
        this.state = useState({
            data: null,
            mode: "one",
            index: 0,
            saving: 0,
            warning: "",
        });
        onWillStart(() => this.load());
    }

    async load() {
        const data = await this.orm.call("boh.inspection", "get_conduct_data", [
            [this.inspectionId],
        ]);
        this.state.data = data;
        this.state.warning = data.gps_warning;
    }

    get data() {
        return this.state.data;
    }

    get started() {
        return this.data.state === "in_progress";
    }

    answerOf(item) {
        return this.data.answers[item.id] || {};
    }

    isVisible(item) {
        if (!item.parent_item_id) {
            return true;
        }
        const parent = this.itemById(item.parent_item_id);
        const answer = this.data.answers[item.parent_item_id];
        if (!parent || !answer || !answer.answered || !this.isVisible(parent)) {
            return false;
        }
        return answer.is_failed === (item.trigger === "fail");
    }

    itemById(id) {
        for (const section of this.data.sections) {
            const item = section.items.find((i) => i.id === id);
            if (item) {
                return item;
            }
        }
        return null;
    }

    get visibleItems() {
        const items = [];
        for (const section of this.data.sections) {
            for (const item of section.items) {
                if (this.isVisible(item)) {
                    items.push({ section, item });
                }
            }
        }
        return items;
    }

    get current() {
        const items = this.visibleItems;
        const index = Math.min(this.state.index, items.length - 1);
        return items[Math.max(index, 0)];
    }

    get progressText() {
        const items = this.visibleItems;
        const done = items.filter(({ item }) => this.answerOf(item).answered).length;
        return `${done} / ${items.length}`;
    }

    get progressPercent() {
        const items = this.visibleItems;
        if (!items.length) {
            return 0;
        }
        const done = items.filter(({ item }) => this.answerOf(item).answered).length;
        return Math.round((100 * done) / items.length);
    }

    setMode(mode) {
        this.state.mode = mode;
    }

    next() {
        this.state.index = Math.min(this.state.index + 1, this.visibleItems.length - 1);
    }

    previous() {
        this.state.index = Math.max(this.state.index - 1, 0);
    }

    async start() {
        const position = await getPosition();
        const result = await this.orm.call("boh.inspection", "action_start", [
            [this.inspectionId],
            position,
        ]);
        this.data.state = "in_progress";
        if (result.warning) {
            this.state.warning = result.warning;
        }
    }

    async save(item, values) {
        const answer = this.answerOf(item);
        const vals = {
            inspection_id: this.inspectionId,
            item_id: item.id,
            is_na: false,
            value_choice: answer.value_choice || false,
            value_number: answer.value_number,
            value_text: answer.value_text || false,
            value_date: answer.value_date || false,
            option_ids: answer.option_ids || [],
            note: answer.note || false,
            ...values,
        };
        this.state.saving++;
        try {
            const result = await this.orm.call("boh.inspection.answer", "action_save_answer", [
                vals,
            ]);
            this.data.answers[item.id] = result.answer;
            this.data.score = result.score;
            this.data.grade = result.grade;
        } finally {
            this.state.saving--;
        }
    }

    onChoice(item, choice) {
        return this.save(item, { value_choice: choice });
    }

    onNa(item) {
        return this.save(item, { is_na: true });
    }

    onScale(item, value) {
        return this.save(item, { value_number: value });
    }

    onNumber(item, ev) {
        const raw = ev.target.value;
        if (raw === "") {
            return;
        }
        return this.save(item, { value_number: Number(raw) });
    }

    onOption(item, option) {
        if (item.type === "choice") {
            return this.save(item, { option_ids: [option.id] });
        }
        const selected = new Set(this.answerOf(item).option_ids || []);
        if (selected.has(option.id)) {
            selected.delete(option.id);
        } else {
            selected.add(option.id);
        }
        return this.save(item, { option_ids: [...selected] });
    }

    onText(item, ev) {
        return this.save(item, { value_text: ev.target.value });
    }

    onDate(item, ev) {
        return this.save(item, { value_date: ev.target.value });
    }

    onNote(item, ev) {
        const answer = this.answerOf(item);
        if (!answer.answered) {
            answer.note = ev.target.value;
            return;
        }
        return this.save(item, { note: ev.target.value, is_na: answer.is_na });
    }

    scaleValues(item) {
        return Array.from({ length: item.scale_max + 1 }, (_v, i) => i);
    }

    isSelected(item, option) {
        return (this.answerOf(item).option_ids || []).includes(option.id);
    }

    async onPhoto(item, ev) {
        const files = [...ev.target.files];
        ev.target.value = "";
        const answer = this.answerOf(item);
        if (!answer.id) {
            return;
        }
        for (const file of files) {
            this.state.saving++;
            try {
                const data = await readAsBase64(file);
                const photo = await this.orm.call("boh.inspection.answer", "action_add_photo", [
                    [answer.id],
                    file.name,
                    data,
                ]);
                answer.photos = [...(answer.photos || []), photo];
            } finally {
                this.state.saving--;
            }
        }
    }

    async removePhoto(item, photo) {
        const answer = this.answerOf(item);
        await this.orm.call("boh.inspection.answer", "action_remove_photo", [
            [answer.id],
            photo.id,
        ]);
        answer.photos = answer.photos.filter((p) => p.id !== photo.id);
    }

    async createAction(item) {
        const answer = this.answerOf(item);
        const result = await this.orm.call(
            "boh.inspection.answer",
            "action_create_corrective_action",
            [[answer.id]]
        );
        this.notification.add(_t("Corrective action %s created.", result.name), {
            type: "success",
        });
    }

    photoUrl(photo) {
        return `/web/image/${photo.id}/160x160`;
    }

    referenceUrl(item) {
        return `/web/image/boh.inspection.item/${item.id}/reference_image/320x320`;
    }

    sign() {
        this.dialog.add(SignatureDialog, {
            defaultName: this.data.store_manager,
            nameAndSignatureProps: { displaySignatureRatio: 3 },
            uploadSignature: (signature) => this.uploadSignature(signature),
        });
    }

    async uploadSignature({ name, signatureImage }) {
        const position = await getPosition();
        const result = await this.orm.call(
            "boh.inspection",
            "action_sign",
            [[this.inspectionId]],
            {
                signature: signatureImage.split(",")[1],
                signed_by: name,
                position,
            }
        );
        this.notification.add(
            _t("Inspection signed: %(score)s%% (%(grade)s)", {
                score: result.score.toFixed(1),
                grade: result.grade,
            }),
            { type: result.passed ? "success" : "warning" }
        );
        await this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: "boh.inspection",
            res_id: this.inspectionId,
            views: [[false, "form"]],
            target: "current",
        });
    }
}

registry.category("actions").add("boh_inspection_conduct", InspectionConduct);
