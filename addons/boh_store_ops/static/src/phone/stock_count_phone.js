import {Component, onWillStart, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {
    BohBarcodeInput,
    errorMessage,
    parseQuantity,
    stepQuantity,
} from "./phone_common";

/**
 * Counting a store's stock on a phone: scan or search a product, set its
 * quantity with large steppers or by typing it; every quantity is saved as
 * soon as it is given (one call per quantity, in the order they were given).
 */
export class StockCountPhone extends Component {
    static template = "boh_store_ops.StockCountPhone";
    static components = {BohBarcodeInput};
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.actionService = useService("action");
        const action = this.props.action || {};
        this.countId =
            this.props.resId ||
            (action.params && (action.params.count_id || action.params.resId)) ||
            (action.context && action.context.active_id);
        // Keep the count in the URL, so that a reload reopens it.
        this.props.updateActionState?.({resId: this.countId});
        this.state = useState({
            data: null,
            search: "",
            currentId: null,
            saving: 0,
            savedId: null,
        });
        this.sending = Promise.resolve();
        onWillStart(() => this.load());
    }

    async load() {
        this.state.data = await this.orm.call("boh.stock.count", "get_phone_data", [
            [this.countId],
        ]);
    }

    get data() {
        return this.state.data;
    }

    get editable() {
        return this.data.editable;
    }

    get lines() {
        const term = this.state.search.trim().toLowerCase();
        if (!term) {
            return this.data.lines;
        }
        return this.data.lines.filter(
            (line) =>
                line.name.toLowerCase().includes(term) ||
                line.code.toLowerCase().includes(term) ||
                line.barcode === term
        );
    }

    get current() {
        return this.data.lines.find((line) => line.id === this.state.currentId);
    }

    /** Put the server's values of a line on the screen. */
    showLine(values) {
        const index = this.data.lines.findIndex((line) => line.id === values.id);
        if (index >= 0) {
            Object.assign(this.data.lines[index], values);
        } else {
            this.data.lines.push(values);
        }
    }

    async onBarcode(code) {
        let line = this.data.lines.find((l) => l.barcode === code);
        if (!line) {
            try {
                line = await this.orm.call(
                    "boh.stock.count",
                    "action_phone_find_product",
                    [[this.countId], code]
                );
            } catch (error) {
                this.notification.add(errorMessage(error), {
                    title: _t("Product not found"),
                    type: "danger",
                });
                return;
            }
            this.showLine(line);
        }
        this.state.search = "";
        this.state.currentId = line.id;
    }

    select(line) {
        this.state.currentId = line.id;
    }

    step(line, delta) {
        return this.setQty(line, stepQuantity(line.qty_counted, delta));
    }

    onQtyInput(line, ev) {
        const value = parseQuantity(ev.target.value);
        if (value === null) {
            ev.target.value = line.qty_counted;
            this.notification.add(_t("Enter a quantity of 0 or more."), {
                type: "warning",
            });
            return;
        }
        return this.setQty(line, value);
    }

    setQty(line, qty) {
        line.qty_counted = qty;
        this.state.saving++;
        this.sending = this.sending.then(() => this.send(line, qty));
        return this.sending;
    }

    async send(line, qty) {
        try {
            const values = await this.orm.call(
                "boh.stock.count",
                "action_phone_set_count_line",
                [[this.countId], qty],
                {product_id: line.product_id}
            );
            this.showLine(values);
            this.state.savedId = line.id;
        } catch (error) {
            this.notification.add(errorMessage(error), {
                title: _t("Quantity not saved"),
                type: "danger",
                sticky: true,
            });
            await this.load();
        } finally {
            this.state.saving--;
        }
    }

    async loadGuide() {
        try {
            await this.orm.call("boh.stock.count", "action_load_guide", [
                [this.countId],
            ]);
        } catch (error) {
            this.notification.add(errorMessage(error), {type: "danger"});
        }
        await this.load();
    }

    async done() {
        await this.sending;
        await this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: "boh.stock.count",
            res_id: this.countId,
            views: [[false, "form"]],
            target: "current",
        });
    }
}

registry.category("actions").add("boh_stock_count_phone", StockCountPhone);
