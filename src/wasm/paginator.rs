//! `Paginator`: the async iterator behind `paginate` and every `iter…` method. It follows the
//! core's [`Pager`] decisions, so cursors, empty pages and loops are handled in Rust; the
//! package entry adds `[Symbol.asyncIterator]` to its prototype.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::driver::{drive, Hooks};
use super::errors::to_js;
use super::spawn;
use super::transport::{CallOptions, Shared};
use crate::endpoints::Operation;
use crate::flow::Pages;
use crate::json::JsonView;

struct State {
    /// The flow; out of the state while it fetches a page.
    pages: Option<Pages>,
    opts: CallOptions,
    items: Array,
    pos: u32,
    /// `return()` was called.
    stopped: bool,
    /// The promise of the latest `next()`: the following one waits for it (two `next()` calls
    /// at once must not fetch the same page twice, nor return the same item).
    tail: Option<Promise>,
}

/// An async iterator over every item of every page of a Graph list.
#[wasm_bindgen]
pub struct Paginator {
    shared: Rc<Shared>,
    state: Rc<RefCell<State>>,
}

impl Paginator {
    pub(crate) fn new(shared: Rc<Shared>, op: Operation, opts: CallOptions) -> Paginator {
        let pages = Pages::new(op, opts.retry);
        let state = State { pages: Some(pages), opts, items: Array::new(), pos: 0, stopped: false, tail: None };
        Paginator { shared, state: Rc::new(RefCell::new(state)) }
    }
}

fn step(value: JsValue, done: bool) -> JsValue {
    let o = Object::new();
    let _ = Reflect::set(&o, &"value".into(), &value);
    let _ = Reflect::set(&o, &"done".into(), &JsValue::from_bool(done));
    o.into()
}

/// The next item of `state`, fetching the next page (that has items) when needed.
async fn next_item(shared: &Shared, state: &RefCell<State>) -> Result<JsValue, JsValue> {
    let (mut pages, opts) = {
        let mut s = state.borrow_mut();
        if s.pos < s.items.length() {
            let v = s.items.get(s.pos);
            s.pos += 1;
            return Ok(step(v, false));
        }
        match s.pages.take() {
            Some(p) if !s.stopped && !p.finished() => (p, s.opts.clone()),
            other => {
                s.pages = other;
                return Ok(step(JsValue::UNDEFINED, true));
            }
        }
    };
    let page = drive(shared, &opts, &Hooks::default(), &mut pages).await;
    // A list read with a Page token: its failures are redacted of that token too.
    let page = page.map_err(|f| match pages.operation().call_secrets(&shared.config) {
        Some(r) => f.redacted(&r),
        None => f,
    });
    let mut s = state.borrow_mut();
    s.pages = Some(pages);
    match page.map_err(to_js)? {
        Some(page) if !s.stopped => {
            s.items = page.member("data").map(|d| d.unchecked_into()).unwrap_or_default();
            s.pos = 1;
            Ok(step(s.items.get(0), false))
        }
        _ => Ok(step(JsValue::UNDEFINED, true)),
    }
}

#[wasm_bindgen]
impl Paginator {
    /// The next item: `{ value, done }`, fetching the next page when needed.
    #[wasm_bindgen(unchecked_return_type = "Promise<IteratorResult<any>>")]
    pub fn next(&self) -> Promise {
        let shared = self.shared.clone();
        let state = self.state.clone();
        let previous = self.state.borrow_mut().tail.take();
        let promise = spawn(async move {
            if let Some(p) = previous {
                // Its outcome went to its own caller; this call only waits its turn.
                let _ = JsFuture::from(p).await;
            }
            next_item(&shared, &state).await
        });
        self.state.borrow_mut().tail = Some(promise.clone());
        promise
    }

    /// Stop early (called by `break` in `for await`).
    #[wasm_bindgen(js_name = "return", unchecked_return_type = "Promise<IteratorResult<any>>")]
    pub fn finish(&self) -> Promise {
        let mut s = self.state.borrow_mut();
        s.stopped = true;
        s.items = Array::new();
        Promise::resolve(&step(JsValue::UNDEFINED, true))
    }
}
