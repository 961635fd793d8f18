//! What touches the page: focus, geometry, pointers. Only in the browser.

use super::state::View2d;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::JsCast;

const MIN_SCALE: f64 = 0.2;
const MAX_SCALE: f64 = 3.0;

thread_local! {
    /// Pointers down on the viewport: id → last position.
    static POINTERS: RefCell<Vec<(i32, f64, f64)>> = const { RefCell::new(Vec::new()) };
}

fn item(code: &str) -> Option<web_sys::HtmlElement> {
    document()
        .get_element_by_id(&format!("n-{code}"))
        .and_then(|e| e.dyn_into().ok())
}

/// The codes of the tree items on screen, in reading order.
pub fn visible_items() -> Vec<String> {
    let Ok(list) = document().query_selector_all("#org-tree [role=treeitem]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .filter_map(|e| e.get_attribute("data-code"))
        .collect()
}

pub fn has_children(code: &str) -> bool {
    item(code).is_some_and(|e| e.has_attribute("aria-expanded"))
}

pub fn parent_of(code: &str) -> Option<String> {
    item(code)?
        .parent_element()?
        .closest("[role=treeitem]")
        .ok()
        .flatten()?
        .get_attribute("data-code")
}

pub fn focus(code: &str, view: View2d) {
    if let Some(e) = item(code) {
        let _ = e.focus();
        keep_in_view(&e, view);
    }
}

fn viewport_of(e: &web_sys::Element) -> Option<web_sys::Element> {
    e.closest(".chart-viewport").ok().flatten()
}

/// Pans so that the item is inside the viewport.
fn keep_in_view(e: &web_sys::Element, view: View2d) {
    let Some(vp) = viewport_of(e) else { return };
    let (r, v) = (e.get_bounding_client_rect(), vp.get_bounding_client_rect());
    let margin = 24.0;
    let mut dx = 0.0;
    let mut dy = 0.0;
    if r.bottom() > v.bottom() - margin {
        dy = v.bottom() - margin - r.bottom();
    }
    if r.top() + dy < v.top() + margin {
        dy = v.top() + margin - r.top();
    }
    if r.right() > v.right() - margin {
        dx = v.right() - margin - r.right();
    }
    if r.left() + dx < v.left() + margin {
        dx = v.left() + margin - r.left();
    }
    view.x.update(|x| *x += dx);
    view.y.update(|y| *y += dy);
}

/// Brings a unit to the middle of the viewport and focuses it.
pub fn center_on(code: &str, view: View2d) {
    let Some(e) = item(code) else { return };
    let Some(vp) = viewport_of(&e) else { return };
    let (r, v) = (e.get_bounding_client_rect(), vp.get_bounding_client_rect());
    view.x
        .update(|x| *x += v.left() + v.width() / 2.0 - (r.left() + r.width() / 2.0));
    view.y
        .update(|y| *y += v.top() + v.height() / 3.0 - r.top());
    let _ = e.focus_with_options(&{
        let o = web_sys::FocusOptions::new();
        o.set_prevent_scroll(true);
        o
    });
}

pub fn apply_transform(stage: NodeRef<leptos::html::Div>, x: f64, y: f64, scale: f64) {
    if let Some(stage) = stage.get() {
        let _ = web_sys::HtmlElement::style(&stage).set_property(
            "transform",
            &format!("translate({x:.1}px, {y:.1}px) scale({scale:.3})"),
        );
    }
}

fn zoom_at(view: View2d, factor: f64, px: f64, py: f64) {
    let old = view.scale.get_untracked();
    let new = (old * factor).clamp(MIN_SCALE, MAX_SCALE);
    let k = new / old;
    view.x.update(|x| *x = px - (px - *x) * k);
    view.y.update(|y| *y = py - (py - *y) * k);
    view.scale.set(new);
}

pub fn zoom_at_center(vp: NodeRef<leptos::html::Div>, view: View2d, factor: f64) {
    if let Some(vp) = vp.get_untracked() {
        let r = vp.get_bounding_client_rect();
        zoom_at(view, factor, r.width() / 2.0, r.height() / 2.0);
    }
}

/// Scales the whole chart into the viewport.
pub fn fit(vp: NodeRef<leptos::html::Div>, stage: NodeRef<leptos::html::Div>, view: View2d) {
    let (Some(vp), Some(stage)) = (vp.get_untracked(), stage.get_untracked()) else {
        return;
    };
    let (w, h) = (stage.scroll_width() as f64, stage.scroll_height() as f64);
    let (vw, vh) = (vp.client_width() as f64, vp.client_height() as f64);
    if w <= 0.0 || h <= 0.0 {
        return;
    }
    let s = (vw / w).min(vh / h).clamp(MIN_SCALE, 1.0);
    view.scale.set(s);
    view.x.set(((vw - w * s) / 2.0).max(0.0));
    view.y.set(0.0);
}

/// The wheel pans (Shift: sideways); with Ctrl (and a trackpad pinch) it zooms.
pub fn on_wheel(ev: leptos::ev::WheelEvent, vp: NodeRef<leptos::html::Div>, view: View2d) {
    ev.prevent_default();
    if ev.ctrl_key() || ev.meta_key() {
        if let Some(vp) = vp.get_untracked() {
            let r = vp.get_bounding_client_rect();
            let factor = (-ev.delta_y() * 0.002).exp();
            zoom_at(
                view,
                factor,
                ev.client_x() as f64 - r.left(),
                ev.client_y() as f64 - r.top(),
            );
        }
    } else if ev.shift_key() {
        view.x.update(|x| *x -= ev.delta_y() + ev.delta_x());
    } else {
        view.x.update(|x| *x -= ev.delta_x());
        view.y.update(|y| *y -= ev.delta_y());
    }
}

pub fn on_pointer_down(ev: leptos::ev::PointerEvent, _view: View2d) {
    // Links and buttons keep their clicks.
    let on_control = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a, button").ok().flatten())
        .is_some();
    if on_control {
        return;
    }
    if let Some(t) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    {
        let _ = t.set_pointer_capture(ev.pointer_id());
    }
    POINTERS.with(|p| {
        let mut p = p.borrow_mut();
        p.retain(|(id, _, _)| *id != ev.pointer_id());
        p.push((ev.pointer_id(), ev.client_x() as f64, ev.client_y() as f64));
    });
}

/// One pointer pans; two pinch-zoom around their middle.
pub fn on_pointer_move(ev: leptos::ev::PointerEvent, vp: NodeRef<leptos::html::Div>, view: View2d) {
    let (x, y) = (ev.client_x() as f64, ev.client_y() as f64);
    POINTERS.with(|p| {
        let mut p = p.borrow_mut();
        let Some(i) = p.iter().position(|(id, _, _)| *id == ev.pointer_id()) else {
            return;
        };
        let (_, ox, oy) = p[i];
        if p.len() == 1 {
            view.x.update(|vx| *vx += x - ox);
            view.y.update(|vy| *vy += y - oy);
        } else if p.len() == 2 {
            let (_, ax, ay) = p[1 - i];
            let before = ((ox - ax).powi(2) + (oy - ay).powi(2)).sqrt();
            let after = ((x - ax).powi(2) + (y - ay).powi(2)).sqrt();
            if before > 0.0
                && let Some(vp) = vp.get_untracked()
            {
                let r = vp.get_bounding_client_rect();
                zoom_at(
                    view,
                    after / before,
                    (x + ax) / 2.0 - r.left(),
                    (y + ay) / 2.0 - r.top(),
                );
            }
        }
        p[i] = (ev.pointer_id(), x, y);
    });
}

pub fn on_pointer_up(ev: leptos::ev::PointerEvent) {
    POINTERS.with(|p| p.borrow_mut().retain(|(id, _, _)| *id != ev.pointer_id()));
}
