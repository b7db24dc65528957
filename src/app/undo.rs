//! Undo and redo of scenario edits. Changes made while a widget is being dragged or typed in
//! are one step: a slider drag from 30% to 45% undoes in one go.

use lifegap_core::model::scenario::Scenario;

/// Most steps kept.
const LIMIT: usize = 200;

#[derive(Debug, Clone)]
pub struct UndoHistory {
    undo: Vec<Scenario>,
    redo: Vec<Scenario>,
    /// The state at the end of the last completed edit.
    committed: Scenario,
}

impl UndoHistory {
    pub fn new(start: &Scenario) -> Self {
        UndoHistory {
            undo: Vec::new(),
            redo: Vec::new(),
            committed: start.clone(),
        }
    }

    /// Call once a frame. While `editing` (pointer held, text field focused) changes gather
    /// into one pending step; once the edit ends it is recorded.
    pub fn observe(&mut self, current: &Scenario, editing: bool) {
        if !editing && *current != self.committed {
            self.commit(current);
        }
    }

    fn commit(&mut self, current: &Scenario) {
        let before = std::mem::replace(&mut self.committed, current.clone());
        self.undo.push(before);
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    pub fn can_undo(&self, current: &Scenario) -> bool {
        !self.undo.is_empty() || *current != self.committed
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Step back; returns true if `current` changed.
    pub fn undo(&mut self, current: &mut Scenario) -> bool {
        if *current != self.committed {
            self.commit(current);
        }
        match self.undo.pop() {
            Some(prev) => {
                self.redo
                    .push(std::mem::replace(&mut self.committed, prev.clone()));
                *current = prev;
                true
            }
            None => false,
        }
    }

    /// Step forward again; returns true if `current` changed.
    pub fn redo(&mut self, current: &mut Scenario) -> bool {
        match self.redo.pop() {
            Some(next) => {
                self.undo
                    .push(std::mem::replace(&mut self.committed, next.clone()));
                *current = next;
                true
            }
            None => false,
        }
    }

    /// Forget everything (a new document).
    pub fn reset(&mut self, start: &Scenario) {
        *self = UndoHistory::new(start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lifegap_core::demo::scenarios::countdown;

    #[test]
    fn a_drag_is_one_step_and_redo_restores() {
        let mut s = countdown();
        let mut h = UndoHistory::new(&s);
        let start = s.programmes[0].coverage.target;
        for v in [0.36, 0.37, 0.40] {
            s.programmes[0].coverage.target = v;
            h.observe(&s, true);
        }
        h.observe(&s, false);
        assert!(h.undo(&mut s));
        assert_eq!(s.programmes[0].coverage.target, start);
        assert!(!h.undo(&mut s));
        assert!(h.redo(&mut s));
        assert_eq!(s.programmes[0].coverage.target, 0.40);
        // An edit not yet committed is undone too.
        s.programmes[1].coverage.target = 0.9;
        assert!(h.undo(&mut s));
        assert_eq!(
            s.programmes[1].coverage.target,
            countdown().programmes[1].coverage.target
        );
    }
}
