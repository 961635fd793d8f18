//! The chart's state: levels loaded, units open, selection, pan and zoom.

use super::BRANCH_BUDGET;
use crate::api::ApiError;
use crate::api::org::load_level;
use crate::domain::org::{LevelCursor, OrgLevel};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::{HashMap, HashSet};

/// The chart's state, shared by every node through context.
#[derive(Clone, Copy)]
pub(super) struct ChartState {
    /// Children by parent code ("" for the roots).
    pub(super) levels: RwSignal<HashMap<String, OrgLevel>>,
    pub(super) open: RwSignal<HashSet<String>>,
    pub(super) loading: RwSignal<HashSet<String>>,
    /// The tree's one tab stop, and the highlight of a search.
    pub(super) selected: RwSignal<Option<String>>,
    pub(super) highlight: StoredValue<Option<String>>,
    pub(super) as_of: StoredValue<Option<String>>,
    pub(super) error: RwSignal<Option<ApiError>>,
    pub(super) view: View2d,
}

/// Pan and zoom of the chart's stage.
#[derive(Clone, Copy)]
pub(super) struct View2d {
    pub(super) scale: RwSignal<f64>,
    pub(super) x: RwSignal<f64>,
    pub(super) y: RwSignal<f64>,
}

impl ChartState {
    pub(super) fn children(&self, parent: &str) -> Option<OrgLevel> {
        self.levels.with(|l| l.get(parent).cloned())
    }

    pub(super) fn is_open(&self, code: &str) -> bool {
        self.open.with(|o| o.contains(code))
    }

    /// The open codes, in a stable order for links.
    pub(super) fn open_list(&self) -> Vec<String> {
        let mut v: Vec<String> = self.open.with(|o| o.iter().cloned().collect());
        v.sort();
        v
    }

    /// Loads the children of `code` unless they are there, then opens it.
    pub(super) fn expand(self, code: String) {
        if self.children(&code).is_some() {
            self.open.update(|o| {
                o.insert(code);
            });
            return;
        }
        if self.loading.with(|l| l.contains(&code)) {
            return;
        }
        self.loading.update(|l| {
            l.insert(code.clone());
        });
        spawn_local(async move {
            let result = load_level(code.clone(), self.as_of.get_value(), None).await;
            self.loading.update(|l| {
                l.remove(&code);
            });
            match result {
                Ok(level) => {
                    self.levels.update(|l| {
                        l.insert(code.clone(), level);
                    });
                    self.open.update(|o| {
                        o.insert(code);
                    });
                }
                Err(e) => self.error.set(Some(e)),
            }
        });
    }

    pub(super) fn collapse(self, code: &str) {
        self.open.update(|o| {
            o.remove(code);
        });
    }

    /// Closes `code` and everything open below it.
    pub(super) fn collapse_branch(self, code: &str) {
        let mut stack = vec![code.to_string()];
        let mut closing = Vec::new();
        while let Some(c) = stack.pop() {
            if let Some(level) = self.children(&c) {
                stack.extend(level.nodes.iter().map(|n| n.code.clone()));
            }
            closing.push(c);
        }
        self.open.update(|o| {
            for c in &closing {
                o.remove(c);
            }
        });
    }

    /// Opens `code` and its whole branch, level by level, within a budget.
    pub(super) fn expand_branch(self, code: String) {
        spawn_local(async move {
            let mut queue = vec![code];
            let mut loaded = 0usize;
            while let Some(c) = queue.pop() {
                let level = match self.children(&c) {
                    Some(level) => level,
                    None => match load_level(c.clone(), self.as_of.get_value(), None).await {
                        Ok(level) => {
                            self.levels.update(|l| {
                                l.insert(c.clone(), level.clone());
                            });
                            level
                        }
                        Err(e) => {
                            self.error.set(Some(e));
                            return;
                        }
                    },
                };
                loaded += level.nodes.len();
                self.open.update(|o| {
                    o.insert(c.clone());
                });
                if loaded > BRANCH_BUDGET {
                    self.error.set(Some(ApiError::Refused(
                        crate::domain::problem::Problem::BranchTooBig,
                    )));
                    return;
                }
                queue.extend(
                    level
                        .nodes
                        .iter()
                        .filter(|n| n.child_count > 0)
                        .map(|n| n.code.clone()),
                );
            }
        });
    }

    /// The next page of a wide level.
    pub(super) fn load_more(self, parent: String, after: LevelCursor) {
        spawn_local(async move {
            match load_level(parent.clone(), self.as_of.get_value(), Some(after)).await {
                Ok(more) => self.levels.update(|l| {
                    if let Some(level) = l.get_mut(&parent) {
                        level.nodes.extend(more.nodes);
                        level.next = more.next;
                    }
                }),
                Err(e) => self.error.set(Some(e)),
            }
        });
    }
}
