//! Keyboard walking of the tree.

use super::dom;
use super::state::ChartState;
use crate::paths;
use leptos::prelude::*;

/// Arrow keys walk the visible items, Right/Left open and close, Enter opens
/// the unit's page (WAI-ARIA tree pattern).
pub(super) fn on_key(ev: leptos::ev::KeyboardEvent, state: ChartState, go_to: &dyn Fn(&str)) {
    let Some(current) = state.selected.get_untracked() else {
        return;
    };
    let items = dom::visible_items();
    let Some(i) = items.iter().position(|c| *c == current) else {
        return;
    };
    let go = |code: Option<&String>| {
        if let Some(code) = code {
            state.selected.set(Some(code.clone()));
            dom::focus(code, state.view);
        }
    };
    let has_children = dom::has_children(&current);
    match ev.key().as_str() {
        "ArrowDown" => go(items.get(i + 1)),
        "ArrowUp" => go(i.checked_sub(1).and_then(|j| items.get(j))),
        "Home" => go(items.first()),
        "End" => go(items.last()),
        "ArrowRight" if has_children && !state.is_open(&current) => state.expand(current),
        "ArrowRight" if has_children => {
            let first = state
                .children(&current)
                .and_then(|l| l.nodes.first().map(|n| n.code.clone()));
            go(first.as_ref());
        }
        "ArrowLeft" if state.is_open(&current) => state.collapse(&current),
        "ArrowLeft" => go(dom::parent_of(&current).as_ref()),
        "Enter" => go_to(&paths::unit(&current)),
        _ => return,
    }
    ev.prevent_default();
}
