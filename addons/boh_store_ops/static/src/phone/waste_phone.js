import {Component, onWillStart, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {useDebounced} from "@web/core/utils/timing";
import {
    BohBarcodeInput,
    errorMessage,
    parseQuantity,
    readAsBase64,
    stepQuantity,
} from "./phone_common";

/**
 * Logging waste on a phone: the product (scanned or searched), the quantity,
 * the reason and a photo taken with the camera, sent in one call.
 */
export class WastePhone extends Component {
    static template = "boh_store_ops.WastePhone";
    static components = {BohBarcodeInput};
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.state = useState({
            data: null,
            storeId: null,
            search: "",
            results: [],
            product: null,
            quantity: 1,
            reason: null,
            note: "",
            photo: null,
            photoPreview: null,
            saving: false,
        });
        this.debouncedSearch = useDebounced(() => this.searchProducts(), 300);
        onWillStart(() => this.load());
    }

    async load() {
        const data = await this.orm.call("boh.waste", "get_phone_data", []);
        this.state.data = data;
        this.state.storeId = data.stores.length ? data.stores[0].id : null;
        await this.searchProducts();
    }

    get data() {
        return this.state.data;
    }

    get canLog() {
        return Boolean(
            this.state.storeId &&
                this.state.product &&
                this.state.quantity > 0 &&
                this.state.reason &&
                !this.state.saving
        );
    }

    async searchProducts() {
        if (!this.state.storeId) {
            this.state.results = [];
            return;
        }
        this.state.results = await this.orm.call("boh.waste", "phone_search_products", [
            this.state.storeId,
            this.state.search,
        ]);
    }

    onSearchInput(ev) {
        this.state.search = ev.target.value;
        this.debouncedSearch();
    }

    onStore(ev) {
        this.state.storeId = Number(ev.target.value);
        this.state.product = null;
        return this.searchProducts();
    }

    selectProduct(product) {
        this.state.product = product;
    }

    changeProduct() {
        this.state.product = null;
    }

    async onBarcode(code) {
        try {
            this.state.product = await this.orm.call(
                "boh.waste",
                "phone_find_product",
                [this.state.storeId, code]
            );
        } catch (error) {
            this.notification.add(errorMessage(error), {
                title: _t("Product not found"),
                type: "danger",
            });
        }
    }

    step(_line, delta) {
        this.state.quantity = stepQuantity(this.state.quantity, delta);
    }

    onQtyInput(_line, ev) {
        const value = parseQuantity(ev.target.value);
        if (value === null) {
            ev.target.value = this.state.quantity;
            this.notification.add(_t("Enter a quantity of 0 or more."), {
                type: "warning",
            });
            return;
        }
        this.state.quantity = value;
    }

    setReason(reason) {
        this.state.reason = reason;
    }

    async onPhoto(ev) {
        const file = ev.target.files[0];
        ev.target.value = "";
        if (!file) {
            return;
        }
        const data = await readAsBase64(file);
        this.state.photo = data;
        this.state.photoPreview = `data:${file.type || "image/jpeg"};base64,${data}`;
    }

    removePhoto() {
        this.state.photo = null;
        this.state.photoPreview = null;
    }

    async log() {
        if (!this.canLog) {
            return;
        }
        this.state.saving = true;
        try {
            const result = await this.orm.call("boh.waste", "action_phone_log_waste", [
                {
                    store_id: this.state.storeId,
                    product_id: this.state.product.product_id,
                    quantity: this.state.quantity,
                    reason: this.state.reason,
                    note: this.state.note || false,
                    photo: this.state.photo || false,
                },
            ]);
            this.data.today.unshift(result);
            if (result.warning) {
                this.notification.add(result.warning, {
                    title: _t("Waste %s kept as a draft", result.name),
                    type: "warning",
                    sticky: true,
                });
            } else {
                this.notification.add(_t("Waste %s logged.", result.name), {
                    type: "success",
                });
            }
            Object.assign(this.state, {
                product: null,
                quantity: 1,
                reason: null,
                note: "",
                photo: null,
                photoPreview: null,
            });
        } catch (error) {
            this.notification.add(errorMessage(error), {
                title: _t("Waste not logged"),
                type: "danger",
                sticky: true,
            });
        } finally {
            this.state.saving = false;
        }
    }
}

registry.category("actions").add("boh_waste_phone", WastePhone);
