//! On the server nothing moves: the chart is a plain, scrollable page.

use super::state::View2d;
use leptos::prelude::*;

pub fn visible_items() -> Vec<String> {
    Vec::new()
}
pub fn has_children(_: &str) -> bool {
    false
}
pub fn parent_of(_: &str) -> Option<String> {
    None
}
pub fn focus(_: &str, _: View2d) {}
pub fn center_on(_: &str, _: View2d) {}
pub fn zoom_at_center(_: NodeRef<leptos::html::Div>, _: View2d, _: f64) {}
pub fn apply_transform(_: NodeRef<leptos::html::Div>, _: f64, _: f64, _: f64) {}
pub fn fit(_: NodeRef<leptos::html::Div>, _: NodeRef<leptos::html::Div>, _: View2d) {}
pub fn on_wheel(_: leptos::ev::WheelEvent, _: NodeRef<leptos::html::Div>, _: View2d) {}
pub fn on_pointer_down(_: leptos::ev::PointerEvent, _: View2d) {}
pub fn on_pointer_move(_: leptos::ev::PointerEvent, _: NodeRef<leptos::html::Div>, _: View2d) {}
pub fn on_pointer_up(_: leptos::ev::PointerEvent) {}
