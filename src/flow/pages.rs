//! Pagination: each run of a [`Pages`] flow yields the next page that has items, following
//! the core's [`Pager`] (cursors, time-based `since`/`until`, loops), across empty pages.
//!
//! NB: Meta's "Paginated Results" page: stop when `paging.next` is absent, never because a page
//! is short or empty (privacy filtering drops items after the cursor is computed).

use super::{Action, Body, Call, Ctx, Event, Flow};
use crate::endpoints::Operation;
use crate::json::JsonView;
use crate::page::{apply, NextPage, Pager};
use crate::retry::RetryPolicy;

/// Every page of a Graph list, one run per page wanted.
#[derive(Debug, Clone)]
pub struct Pages {
    call: Call,
    pager: Pager,
    finished: bool,
}

impl Pages {
    /// The pages of the list operation `op`, from its first.
    pub fn new(op: Operation, policy: RetryPolicy) -> Self {
        Pages { call: Call::new(op, policy), pager: Pager::default(), finished: false }
    }

    /// The operation of the next page.
    pub fn operation(&self) -> &Operation {
        self.call.operation()
    }

    /// Whether the last page has been yielded (or the flow failed or was stopped).
    pub fn finished(&self) -> bool {
        self.finished
    }

    /// Stop: later runs yield nothing.
    pub fn stop(&mut self) {
        self.finished = true;
    }

    fn page<B: Body>(&mut self, result: Result<B::Json, crate::Error>, ctx: &Ctx) -> Action<Option<B::Json>> {
        let page = match result {
            Ok(p) => p,
            Err(e) => {
                self.finished = true;
                return Action::Done(Err(e));
            }
        };
        match self.pager.next(&page) {
            NextPage::Fetch(changes) => {
                let mut op = self.call.operation().clone();
                apply(&mut op.params, &changes);
                self.call = Call::new(op, self.call.policy);
            }
            NextPage::Done | NextPage::Loop => self.finished = true,
        }
        let has_items = page.member("data").and_then(|d| d.array_len()).is_some_and(|n| n > 0);
        match (has_items, self.finished) {
            (true, _) => Action::Done(Ok(Some(page))),
            (false, true) => Action::Done(Ok(None)),
            (false, false) => Flow::<B>::start(self, ctx),
        }
    }
}

impl<B: Body> Flow<B> for Pages {
    type Output = Option<B::Json>;

    fn start(&mut self, ctx: &Ctx) -> Action<Option<B::Json>> {
        if self.finished {
            return Action::Done(Ok(None));
        }
        Action::Send(self.call.begin(ctx.config))
    }

    fn step(&mut self, event: Event<B>, ctx: &Ctx) -> Action<Option<B::Json>> {
        match Flow::<B>::step(&mut self.call, event, ctx).pending() {
            Ok(action) => action,
            Err(result) => self.page::<B>(result, ctx),
        }
    }
}
