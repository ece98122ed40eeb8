import {SuggestionExplanationPopover} from "@boh_forecast_ordering/suggestion_explanation/suggestion_explanation";
import {patch} from "@web/core/utils/patch";

// The sentence comes translated from the server (one whole sentence naming
// the dishes and their shares); it is shown under the forecast rows.
patch(SuggestionExplanationPopover.prototype, {
    get rows() {
        const rows = super.rows;
        const recipe = this.props.explanation.recipe;
        if (this.props.explanation.method === "forecast" && recipe && recipe.text) {
            rows.splice(1, 0, {label: recipe.text, value: ""});
        }
        return rows;
    },
});
