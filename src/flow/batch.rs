//! `batch`: the requests go 50 per batch call, in order; the GET items Meta answered `null`
//! ("not completed in time") are sent once more, in one batch call of their own.

use super::{Action, Attempts, Body, Ctx, Event, Flow};
use crate::endpoints::batch::{self, BatchItem, ItemResult, MAX_BATCH};
use crate::http::Method;
use crate::retry::RetryPolicy;

/// Every item's result, in order.
#[derive(Debug, Clone)]
pub struct Batch {
    items: Vec<BatchItem>,
    policy: RetryPolicy,
    results: Vec<ItemResult>,
    /// The items of the batch call in flight (indexes into `items`), and whether it is the
    /// second try of `null` items.
    sending: Vec<usize>,
    second_try: bool,
    attempts: Option<Attempts>,
}

impl Batch {
    /// A batch of `items` (already checked by [`batch::parse_requests`]).
    pub fn new(items: Vec<BatchItem>, policy: RetryPolicy) -> Self {
        Batch { items, policy, results: Vec::new(), sending: Vec::new(), second_try: false, attempts: None }
    }

    /// Send the items at `indexes` in one batch call.
    fn send(&mut self, indexes: Vec<usize>, second_try: bool, ctx: &Ctx) -> Action<Vec<ItemResult>> {
        let items: Vec<BatchItem> = indexes.iter().filter_map(|&i| self.items.get(i).cloned()).collect();
        let request = crate::endpoints::build_request(ctx.config, &batch::operation(&items));
        self.attempts = Some(Attempts::new(request.clone(), batch::all_gets(&items), self.policy));
        self.sending = indexes;
        self.second_try = second_try;
        Action::Send(request)
    }

    /// The next chunk of 50, or the end.
    fn next_chunk(&mut self, ctx: &Ctx) -> Action<Vec<ItemResult>> {
        let from = self.results.len();
        if from >= self.items.len() {
            return Action::Done(Ok(std::mem::take(&mut self.results)));
        }
        let to = (from + MAX_BATCH).min(self.items.len());
        self.send((from..to).collect(), false, ctx)
    }
}

impl<B: Body> Flow<B> for Batch {
    type Output = Vec<ItemResult>;

    fn start(&mut self, ctx: &Ctx) -> Action<Vec<ItemResult>> {
        self.results.clear();
        self.next_chunk(ctx)
    }

    fn step(&mut self, event: Event<B>, ctx: &Ctx) -> Action<Vec<ItemResult>> {
        let Some(attempts) = self.attempts.as_mut() else { return Flow::<B>::start(self, ctx) };
        let response = match attempts.step(event, ctx).pending() {
            Ok(action) => return action,
            Err(Err(e)) => return Action::Done(Err(e)),
            Err(Ok(r)) => r,
        };
        let sent = std::mem::take(&mut self.sending);
        let got = match batch::parse_response(response.status, &response.body.text(), sent.len(), ctx.config.redactor()) {
            Ok(g) => g,
            Err(e) => return Action::Done(Err(e)),
        };
        if self.second_try {
            for (i, r) in sent.into_iter().zip(got) {
                if let Some(slot) = self.results.get_mut(i) {
                    *slot = r;
                }
            }
            return self.next_chunk(ctx);
        }
        let nulls: Vec<usize> = sent
            .iter()
            .zip(&got)
            .filter(|(&i, r)| **r == ItemResult::Null && self.items.get(i).is_some_and(|it| it.method == Method::Get))
            .map(|(&i, _)| i)
            .collect();
        self.results.extend(got);
        match nulls.is_empty() {
            true => self.next_chunk(ctx),
            false => self.send(nulls, true, ctx),
        }
    }
}
