//! Product tagging (Facebook Login only): `GET /{ig-user-id}/available_catalogs`,
//! `GET /{ig-user-id}/catalog_product_search` (`catalog_id`, `q`), `GET /{ig-media-id}/product_tags`,
//! `POST /{ig-media-id}/product_tags` (`updated_tags`, `child_index`), `DELETE
//! /{ig-media-id}/product_tags` (`deleted_tags`, `child_index`). References: instagram-platform/
//! instagram-api-with-facebook-login/product-tagging, instagram-platform/instagram-graph-api/
//! reference/ig-user/available_catalogs, ig-user/catalog_product_search, ig-media/product_tags
//! ("Available for the Instagram API with Facebook Login"), and Meta's codegen spec
//! (`IGMedia.json`: `updated_tags`/`deleted_tags` are `list<map>`, `child_index` an unsigned int).

use super::{node_id, Operation, Output};
use crate::error::Error;
use crate::http::Method;
use crate::json::{Map, Shape, Value};
use crate::params::Params;

/// NB: the reference pages show `product_id` and `merchant_id` as JSON numbers
/// (`"product_id": 3231775643511089`); ids are strings here, whatever their size.
const PRODUCT_IDS: &[&str] = &["product_id", "merchant_id", "catalog_id"];

/// A list operation whose items' ids come back as strings ([`Output::StringIds`]).
fn list(path: String, p: Params) -> Operation {
    let mut op = Operation::new(Method::Get, path, p, Shape::List);
    op.output = Output::StringIds(PRODUCT_IDS);
    op
}

/// `body` with the `keys` members of each `data` item (and of its `product_variants`) that are
/// JSON numbers turned into strings of their exact digits.
pub fn string_ids(mut body: Value, keys: &[&str]) -> Value {
    fn fix(item: &mut Value, keys: &[&str]) {
        let Value::Object(o) = item else { return };
        for k in keys {
            if let Some(Value::Number(n)) = o.get(k) {
                let text = n.to_string();
                o.insert((*k).to_owned(), Value::String(text));
            }
        }
        if let Some(Value::Array(variants)) = o.get_mut("product_variants") {
            variants.iter_mut().for_each(|v| fix(v, keys));
        }
    }
    if let Some(Value::Array(items)) = body.get_mut("data") {
        items.iter_mut().for_each(|i| fix(i, keys));
    }
    body
}

/// `GET /{ig-user-id}/available_catalogs` → `{ data: [{ catalog_id, catalog_name, product_count,
/// shop_name }] }`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id.
pub fn list_available_catalogs(ig_user_id: &str) -> Result<Operation, Error> {
    Ok(list(format!("{}/available_catalogs", node_id("igUserId", ig_user_id)?), Params::new()))
}

/// `GET /{ig-user-id}/catalog_product_search?catalog_id&q` → the tag-eligible products whose
/// name or SKU matches `q`.
///
/// NB: "If no string is specified, all tag-eligible products will be returned"
/// (catalog_product_search reference): an empty `q` is not sent.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id or catalog id.
pub fn search_catalog_products(ig_user_id: &str, catalog_id: &str, q: &str) -> Result<Operation, Error> {
    let path = format!("{}/catalog_product_search", node_id("igUserId", ig_user_id)?);
    node_id("catalogId", catalog_id)?;
    let mut p = Params::new();
    p.push("catalog_id", catalog_id);
    if !q.trim().is_empty() {
        p.push("q", q.trim());
    }
    Ok(list(path, p))
}

/// `GET /{ig-media-id}/product_tags` → `{ data: [{ product_id, merchant_id, name, price_string,
/// image_url, review_status, is_checkout, x, y, … }] }`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id.
pub fn list_product_tags(media_id: &str) -> Result<Operation, Error> {
    Ok(list(format!("{}/product_tags", node_id("mediaId", media_id)?), Params::new()))
}

/// `POST /{ig-media-id}/product_tags` `updated_tags=[{ product_id, x, y }]` (`child_index` for a
/// carousel's child) → `{ success }`. `tags` is an array of `{ product_id, x?, y? }` (a bare
/// product id string stands for `{ product_id }`), or `{ tags, child_index }`.
///
/// NB: "Tagging media is additive until the tag limit has been reached (20 for feed posts, 30 for
/// Reels)"; a product already tagged has its `x`/`y` moved (product_tags reference). `x`/`y` are
/// for images only: Meta says which (2207035/2207036), so they are not checked here.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id or tags.
pub fn set_product_tags(media_id: &str, tags: Option<&Value>) -> Result<Operation, Error> {
    tags_op(Method::Post, media_id, "updated_tags", tags)
}

/// `DELETE /{ig-media-id}/product_tags` `deleted_tags=[{ product_id }]` (`child_index`) →
/// `{ success }`. `tags` as for [`set_product_tags`].
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id or tags.
pub fn delete_product_tags(media_id: &str, tags: Option<&Value>) -> Result<Operation, Error> {
    tags_op(Method::Delete, media_id, "deleted_tags", tags)
}

fn tags_op(method: Method, media_id: &str, param: &str, tags: Option<&Value>) -> Result<Operation, Error> {
    let path = format!("{}/product_tags", node_id("mediaId", media_id)?);
    let (list, child_index) = match tags {
        Some(Value::Array(items)) => (items, None),
        Some(Value::Object(o)) => match (o.get("tags"), o.get("child_index")) {
            (Some(Value::Array(items)), child) if o.keys().all(|k| k == "tags" || k == "child_index") => (items, child),
            _ => return Err(Error::invalid("tags", "must be an array of tags, or { tags: [...], child_index }")),
        },
        _ => return Err(Error::invalid("tags", "must be an array of { product_id, x?, y? } (x and y from 0 to 1, images only)")),
    };
    if list.is_empty() {
        return Err(Error::invalid("tags", "must name at least one product"));
    }
    let mut out = Vec::with_capacity(list.len());
    for (i, tag) in list.iter().enumerate() {
        let tag = match tag {
            Value::String(id) => Value::Object(Map::from_iter([("product_id".to_owned(), Value::String(id.clone()))])),
            Value::Object(o) => Value::Object(o.clone()),
            _ => Value::Null,
        };
        if tag.get("product_id").and_then(Value::as_str).is_none_or(|id| id.trim().is_empty()) {
            return Err(Error::invalid(
                format!("tags[{i}]"),
                "must be { product_id: \"…\", x?, y? } or a product id string (ids are strings: they exceed 2^53)",
            ));
        }
        out.push(tag);
    }
    let mut p = Params::new();
    let mut text = String::new();
    crate::json::write_sorted(&mut text, &Value::Array(out));
    p.push(param, text);
    match child_index {
        None | Some(Value::Null) => {}
        Some(Value::Number(n)) if n.as_u64().is_some() => p.push("child_index", n.to_string()),
        Some(_) => return Err(Error::invalid("tags.child_index", "must be a whole number (the carousel child, from 0)")),
    }
    Ok(Operation::new(method, path, p, Shape::Object))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::tests::golden;
    use crate::json::json;

    const BASE: &str = "https://graph.facebook.com/v27.0";

    #[test]
    fn golden_requests() {
        let g = |op: Result<Operation, Error>| golden(&op.unwrap());
        assert_eq!(
            g(list_available_catalogs("17841405822304914")),
            ("GET", format!("{BASE}/17841405822304914/available_catalogs?access_token=TOKEN"), None)
        );
        assert_eq!(
            g(search_catalog_products("17841405822304914", "960179311066902", " gummy ")),
            ("GET", format!("{BASE}/17841405822304914/catalog_product_search?catalog_id=960179311066902&q=gummy&access_token=TOKEN"), None)
        );
        assert_eq!(
            g(search_catalog_products("17841405822304914", "960179311066902", "")).1,
            format!("{BASE}/17841405822304914/catalog_product_search?catalog_id=960179311066902&access_token=TOKEN")
        );
        assert_eq!(
            g(list_product_tags("17895695668004550")),
            ("GET", format!("{BASE}/17895695668004550/product_tags?access_token=TOKEN"), None)
        );
        let tags = json!([{ "product_id": "3231775643511089", "x": 0.5, "y": 0.8 }, "3231775643511090"]);
        assert_eq!(
            g(set_product_tags("17895695668004550", Some(&tags))),
            (
                "POST",
                format!("{BASE}/17895695668004550/product_tags"),
                Some(
                    "updated_tags=%5B%7B%22product_id%22%3A%223231775643511089%22%2C%22x%22%3A0.5%2C%22y%22%3A0.8%7D%2C%7B%22product_id%22%3A%223231775643511090%22%7D%5D&access_token=TOKEN"
                        .into()
                )
            )
        );
        let child = json!({ "tags": [{ "product_id": "3231775643511089", "x": 0.1, "y": 0.2 }], "child_index": 1 });
        assert_eq!(
            g(set_product_tags("17895695668004550", Some(&child))).2,
            Some("updated_tags=%5B%7B%22product_id%22%3A%223231775643511089%22%2C%22x%22%3A0.1%2C%22y%22%3A0.2%7D%5D&child_index=1&access_token=TOKEN".into())
        );
        assert_eq!(
            g(delete_product_tags("17895695668004550", Some(&json!(["3231775643511089"])))),
            (
                "DELETE",
                format!("{BASE}/17895695668004550/product_tags?deleted_tags=%5B%7B%22product_id%22%3A%223231775643511089%22%7D%5D&access_token=TOKEN"),
                None
            )
        );
    }

    #[test]
    fn product_ids_come_back_as_strings_of_their_exact_digits() {
        let op = list_product_tags("1").unwrap();
        assert_eq!(op.output, Output::StringIds(PRODUCT_IDS));
        let body = r#"{"data":[{"product_id":9007199254740993,"merchant_id":90010177253934,"name":"Gummy Wombats","x":0.5,"product_variants":[{"product_id":3231775643511090,"variant_name":"S"}]},{"product_id":"12"}],"paging":{"cursors":{"after":"A"}}}"#;
        let out = crate::flow::read(&op, body.to_owned()).unwrap();
        assert_eq!(
            out,
            json!({"data":[{"product_id":"9007199254740993","merchant_id":"90010177253934","name":"Gummy Wombats","x":0.5,"product_variants":[{"product_id":"3231775643511090","variant_name":"S"}]},{"product_id":"12"}],"paging":{"cursors":{"after":"A"}}})
        );
        assert!(crate::flow::read(&op, r#"{"error":1}"#.to_owned()).is_err(), "still a list");
        assert_eq!(search_catalog_products("1", "2", "").unwrap().output, Output::StringIds(PRODUCT_IDS));
        assert_eq!(list_available_catalogs("1").unwrap().output, Output::StringIds(PRODUCT_IDS));
    }

    #[test]
    fn bad_tags_name_the_item() {
        let name = |r: Result<Operation, Error>| match r {
            Err(Error::InvalidArgument { name, .. }) => name,
            other => panic!("{other:?}"),
        };
        assert_eq!(name(set_product_tags("1", None)), "tags");
        assert_eq!(name(set_product_tags("1", Some(&json!([])))), "tags");
        assert_eq!(name(set_product_tags("1", Some(&json!("3231775643511089")))), "tags");
        assert_eq!(name(set_product_tags("1", Some(&json!([{"x": 0.5}])))), "tags[0]");
        assert_eq!(name(delete_product_tags("1", Some(&json!(["1", 3231775643511089u64])))), "tags[1]");
        assert_eq!(name(set_product_tags("1", Some(&json!({"tags": ["1"], "child_index": -1})))), "tags.child_index");
        assert_eq!(name(set_product_tags("1", Some(&json!({"tags": ["1"], "index": 1})))), "tags");
        assert_eq!(name(search_catalog_products("1", "", "x")), "catalogId");
        assert_eq!(name(list_product_tags("")), "mediaId");
    }
}
