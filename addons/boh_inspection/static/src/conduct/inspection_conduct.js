import {
    Component,
    onWillStart,
    onWillUnmount,
    useExternalListener,
    useState,
} from "@odoo/owl";
import {browser} from "@web/core/browser/browser";
import {_t} from "@web/core/l10n/translation";
import {ConnectionLostError} from "@web/core/network/rpc";
import {registry} from "@web/core/registry";
import {SignatureDialog} from "@web/core/signature/signature_dialog";
import {user} from "@web/core/user";
import {useService} from "@web/core/utils/hooks";

const GPS_TIMEOUT_MS = 8000;
const RETRY_MS = 10000;
const ANSWER_FIELDS = [
    "is_na",
    "value_choice",
    "value_number",
    "value_text",
    "value_date",
    "option_ids",
    "note",
];

/** Whether an error means the server could not be reached (not a refusal). */
function isConnectionError(error) {
    return (
        error instanceof ConnectionLostError || error?.name === "ConnectionLostError"
    );
}

/**
 * Whether an answer fails, as the server will decide (shown while the answer
 * waits to be sent, so that follow-up items appear offline too).
 */
function failsLocally(item, vals) {
    if (vals.is_na) {
        return false;
    }
    switch (item.type) {
        case "passfail":
            return vals.value_choice === "fail";
        case "yesno":
            return (vals.value_choice === "yes") !== item.yes_is_pass;
        case "scale":
            return Number(vals.value_number) < item.scale_pass_min;
        case "number": {
            const value = Number(vals.value_number);
            return (
                (item.min !== null && value < item.min) ||
                (item.max !== null && value > item.max)
            );
        }
        case "choice":
        case "multi":
            return item.options.some(
                (o) => o.failure && (vals.option_ids || []).includes(o.id)
            );
        default:
            return false;
    }
}

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
            {enableHighAccuracy: true, timeout: GPS_TIMEOUT_MS, maximumAge: 60000}
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
        this.props.updateActionState?.({resId: this.inspectionId});
        this.state = useState({
            data: null,
            mode: "one",
            index: 0,
            saving: 0,
            warning: "",
            pending: 0,
        });
        this.queueKey = `boh_inspection.pending.${user.userId}.${this.inspectionId}`;
        this.flushing = false;
        onWillStart(() => this.load());
        // Send the waiting answers as soon as the connection returns.
        useExternalListener(browser, "online", () => this.flush());
        this.retryTimer = browser.setInterval(() => {
            if (this.state.pending) {
                this.flush();
            }
        }, RETRY_MS);
        onWillUnmount(() => browser.clearInterval(this.retryTimer));
    }

    async load() {
        const data = await this.orm.call("boh.inspection", "get_conduct_data", [
            [this.inspectionId],
        ]);
        this.state.data = data;
        this.state.warning = data.gps_warning;
        const queue = this.readQueue();
        for (const vals of queue) {
            const item = this.itemById(vals.item_id);
            if (item) {
                this.applyLocally(item, vals);
            }
        }
        this.state.pending = queue.length;
        if (queue.length) {
            this.flush();
        }
    }

    // ------------------------------------------------------------------
    // Answers waiting to be sent (kept in the browser, per inspection)
    // ------------------------------------------------------------------

    readQueue() {
        try {
            return JSON.parse(browser.localStorage.getItem(this.queueKey) || "[]");
        } catch {
            return [];
        }
    }

    writeQueue(queue) {
        try {
            if (queue.length) {
                browser.localStorage.setItem(this.queueKey, JSON.stringify(queue));
            } else {
                browser.localStorage.removeItem(this.queueKey);
            }
        } catch {
            this.notification.add(
                _t("The phone's storage is full: answers given offline may be lost."),
                {type: "danger", sticky: true}
            );
        }
        this.state.pending = queue.length;
    }

    enqueue(vals) {
        this.writeQueue([...this.readQueue(), vals]);
    }

    /** Show an answer before the server has it. */
    applyLocally(item, vals) {
        const answer = {...this.answerOf(item)};
        for (const field of ANSWER_FIELDS) {
            if (field in vals) {
                answer[field] = vals[field];
            }
        }
        if (vals.signature) {
            answer.signature_preview = `data:image/png;base64,${vals.signature}`;
            answer.has_signature = true;
        }
        answer.answered = true;
        answer.pending = true;
        answer.is_failed = failsLocally(item, vals);
        this.data.answers[item.id] = answer;
    }

    /** Apply the server's answer unless a newer one still waits to be sent. */
    applyResult(result) {
        const itemId = result.answer.item_id;
        if (this.readQueue().some((vals) => vals.item_id === itemId)) {
            return;
        }
        this.data.answers[itemId] = result.answer;
        this.data.score = result.score;
        this.data.grade = result.grade;
    }

    sendAnswer(vals) {
        return this.orm.silent.call("boh.inspection.answer", "action_save_answer", [
            vals,
        ]);
    }

    /** Send the waiting answers, oldest first; stop at the first lost connection. */
    async flush() {
        if (this.flushing) {
            return;
        }
        this.flushing = true;
        try {
            let queue = this.readQueue();
            while (queue.length) {
                const vals = queue[0];
                try {
                    const result = await this.sendAnswer(vals);
                    queue = this.readQueue().slice(1);
                    this.writeQueue(queue);
                    this.applyResult(result);
                } catch (error) {
                    if (isConnectionError(error)) {
                        return;
                    }
                    // Refused by the server (e.g. the visit was signed meanwhile):
                    // say so and go on with the next answer.
                    queue = this.readQueue().slice(1);
                    this.writeQueue(queue);
                    const item = this.itemById(vals.item_id);
                    this.notification.add(
                        error.data?.message || error.message || String(error),
                        {
                            title: item ? item.name : _t("Answer not saved"),
                            type: "danger",
                            sticky: true,
                        }
                    );
                }
            }
        } finally {
            this.flushing = false;
        }
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
                    items.push({section, item});
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
        const done = items.filter(({item}) => this.answerOf(item).answered).length;
        return `${done} / ${items.length}`;
    }

    get progressPercent() {
        const items = this.visibleItems;
        if (!items.length) {
            return 0;
        }
        const done = items.filter(({item}) => this.answerOf(item).answered).length;
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
            client_time: Date.now(),
        };
        if (this.state.pending) {
            // Keep the order: this answer goes after the ones already waiting.
            this.applyLocally(item, vals);
            this.enqueue(vals);
            return this.flush();
        }
        this.state.saving++;
        try {
            const result = await this.sendAnswer(vals);
            this.applyResult(result);
        } catch (error) {
            if (!isConnectionError(error)) {
                throw error;
            }
            this.applyLocally(item, vals);
            this.enqueue(vals);
        } finally {
            this.state.saving--;
        }
    }

    onChoice(item, choice) {
        return this.save(item, {value_choice: choice});
    }

    onNa(item) {
        return this.save(item, {is_na: true});
    }

    onScale(item, value) {
        return this.save(item, {value_number: value});
    }

    onNumber(item, ev) {
        const raw = ev.target.value;
        if (raw === "") {
            return;
        }
        return this.save(item, {value_number: Number(raw)});
    }

    onOption(item, option) {
        if (item.type === "choice") {
            return this.save(item, {option_ids: [option.id]});
        }
        const selected = new Set(this.answerOf(item).option_ids || []);
        if (selected.has(option.id)) {
            selected.delete(option.id);
        } else {
            selected.add(option.id);
        }
        return this.save(item, {option_ids: [...selected]});
    }

    onText(item, ev) {
        return this.save(item, {value_text: ev.target.value});
    }

    onDate(item, ev) {
        return this.save(item, {value_date: ev.target.value});
    }

    onNote(item, ev) {
        const answer = this.answerOf(item);
        if (!answer.answered) {
            answer.note = ev.target.value;
            return;
        }
        return this.save(item, {note: ev.target.value, is_na: answer.is_na});
    }

    scaleValues(item) {
        return Array.from({length: item.scale_max + 1}, (_v, i) => i);
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
                const photo = await this.orm.call(
                    "boh.inspection.answer",
                    "action_add_photo",
                    [[answer.id], file.name, data]
                );
                this.afterPhoto(item, photo.answer);
            } catch (error) {
                if (!isConnectionError(error)) {
                    throw error;
                }
                this.notification.add(
                    _t(
                        "No connection: the photo was not sent. Take it again once the connection is back."
                    ),
                    {type: "danger"}
                );
                return;
            } finally {
                this.state.saving--;
            }
        }
    }

    /** The server's answer after a photo change (kept if a newer one waits). */
    afterPhoto(item, serverAnswer) {
        const current = this.answerOf(item);
        if (current.pending) {
            current.photos = serverAnswer.photos;
        } else {
            this.data.answers[item.id] = serverAnswer;
        }
    }

    async removePhoto(item, photo) {
        const answer = this.answerOf(item);
        const result = await this.orm.call(
            "boh.inspection.answer",
            "action_remove_photo",
            [[answer.id], photo.id]
        );
        this.afterPhoto(item, result.answer);
    }

    /** A signature item: drawn on the phone's screen. */
    drawSignature(item) {
        this.dialog.add(SignatureDialog, {
            nameAndSignatureProps: {
                mode: "draw",
                noInputName: true,
                displaySignatureRatio: 3,
            },
            uploadSignature: ({signatureImage}) =>
                this.save(item, {signature: signatureImage.split(",")[1]}),
        });
    }

    signatureUrl(item) {
        const answer = this.answerOf(item);
        if (answer.signature_preview) {
            return answer.signature_preview;
        }
        return `/web/image/boh.inspection.answer/${answer.id}/signature?unique=${encodeURIComponent(answer.answered_at || "")}`;
    }

    get pendingText() {
        return this.state.pending === 1
            ? _t("1 answer waiting to be sent")
            : _t("%s answers waiting to be sent", this.state.pending);
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
            nameAndSignatureProps: {displaySignatureRatio: 3, mode: "draw"},
            uploadSignature: (signature) => this.uploadSignature(signature),
        });
    }

    async uploadSignature({name, signatureImage}) {
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
            {type: result.passed ? "success" : "warning"}
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
