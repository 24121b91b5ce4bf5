//! `GET /{ig-user-id}` and `GET /me/accounts`: the Instagram account and the Pages that carry
//! one. Reference: instagram-platform/instagram-graph-api/reference/ig-user and
//! …/reference/page (shared/reference/graph-api.md §1.6, §2.1).

use super::{node_id, Operation, Output};
use crate::error::Error;
use crate::http::Method;
use crate::json::{Map, Shape, Value};
use crate::params::Params;

/// `GET /{ig-user-id}` with `fields`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id or params.
pub fn get_user(ig_user_id: &str, params: Option<&Value>) -> Result<Operation, Error> {
    let path = node_id("igUserId", ig_user_id)?;
    Ok(Operation::new(Method::Get, path, Params::from_json(params, "params")?, Shape::Object))
}

/// The fields `listConnectedAccounts` needs from each Page.
pub const CONNECTED_ACCOUNT_FIELDS: &str = "id,name,instagram_business_account{id,username}";

/// `GET /me/accounts?fields=id,name,instagram_business_account{id,username}`.
///
/// NB: `instagram_business_account` is a field of the Page, not of the User
/// (`/me?fields=instagram_business_account` fails with #100; instagram-graph-api-lib #68).
///
/// # Errors
/// [`Error::InvalidArgument`] for bad params.
pub fn list_connected_accounts(params: Option<&Value>) -> Result<Operation, Error> {
    let mut params = Params::from_json(params, "params")?;
    let fields = match params.get("fields") {
        Some(extra) if !extra.is_empty() => format!("{CONNECTED_ACCOUNT_FIELDS},{extra}"),
        _ => CONNECTED_ACCOUNT_FIELDS.to_owned(),
    };
    params.set("fields", fields);
    let mut op = Operation::new(Method::Get, "me/accounts".to_owned(), params, Shape::List);
    op.output = Output::ConnectedAccounts;
    Ok(op)
}

/// Keep the Pages with an Instagram account, as `{ pageId, pageName, igUserId, igUsername }`;
/// `paging` is kept as it came.
///
/// # Errors
/// [`Error::Decode`] when `data` is not an array or a Page has no string `id`.
pub fn connected_accounts(body: Value) -> Result<Value, Error> {
    let Value::Object(mut map) = body else {
        return Err(Error::decode("", "expected a JSON object"));
    };
    let Some(Value::Array(pages)) = map.remove("data") else {
        return Err(Error::decode("data", "expected an array"));
    };
    let mut data = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let Some(ig) = page.get("instagram_business_account").filter(|v| v.is_object()) else { continue };
        let text = |v: Option<&Value>, path: String| match v {
            Some(Value::String(s)) => Ok(Value::String(s.clone())),
            Some(Value::Null) | None => Ok(Value::Null),
            Some(_) => Err(Error::decode(path, "expected a string")),
        };
        let page_id = match page.get("id") {
            Some(Value::String(s)) => s.clone(),
            _ => return Err(Error::decode(format!("data[{i}].id"), "expected a string id")),
        };
        let ig_id = match ig.get("id") {
            Some(Value::String(s)) => s.clone(),
            _ => return Err(Error::decode(format!("data[{i}].instagram_business_account.id"), "expected a string id")),
        };
        // Members in name order, as these items have always been written.
        let mut item = Map::new();
        item.insert("igUserId", Value::String(ig_id));
        item.insert("igUsername", text(ig.get("username"), format!("data[{i}].instagram_business_account.username"))?);
        item.insert("pageId", Value::String(page_id));
        item.insert("pageName", text(page.get("name"), format!("data[{i}].name"))?);
        data.push(Value::Object(item));
    }
    let mut out = Map::new();
    out.insert("data", Value::Array(data));
    if let Some(paging) = map.remove("paging") {
        out.insert("paging", paging);
    }
    Ok(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::tests::golden;
    use crate::json::json;

    #[test]
    fn get_user_golden() {
        let op = get_user("17841405822304914", Some(&json!({"fields": "id,username,followers_count"}))).unwrap();
        assert_eq!(
            golden(&op),
            (
                "GET",
                "https://graph.facebook.com/v27.0/17841405822304914?fields=id%2Cusername%2Cfollowers_count&access_token=TOKEN".into(),
                None
            )
        );
        assert!(get_user("", None).is_err());
    }

    #[test]
    fn connected_accounts_golden() {
        let op = list_connected_accounts(None).unwrap();
        assert_eq!(
            golden(&op).1,
            "https://graph.facebook.com/v27.0/me/accounts?fields=id%2Cname%2Cinstagram_business_account%7Bid%2Cusername%7D&access_token=TOKEN"
        );
        let op = list_connected_accounts(Some(&json!({"fields": ["tasks"], "limit": 10}))).unwrap();
        assert_eq!(op.params.get("fields"), Some("id,name,instagram_business_account{id,username},tasks"));
        assert_eq!(op.params.get("limit"), Some("10"));
    }

    #[test]
    fn only_pages_with_an_instagram_account_are_kept() {
        let body = json!({
            "data": [
                {"id": "134895793791914", "name": "Coffee", "instagram_business_account": {"id": "17841405822304914", "username": "coffee"}},
                {"id": "222", "name": "No IG"},
            ],
            "paging": {"cursors": {"before": "B", "after": "A"}}
        });
        assert_eq!(
            connected_accounts(body).unwrap(),
            json!({
                "data": [{"pageId": "134895793791914", "pageName": "Coffee", "igUserId": "17841405822304914", "igUsername": "coffee"}],
                "paging": {"cursors": {"before": "B", "after": "A"}}
            })
        );
        let bad = json!({"data": [{"id": 1, "instagram_business_account": {"id": "2"}}]});
        assert_eq!(connected_accounts(bad), Err(Error::decode("data[0].id", "expected a string id")));
        assert_eq!(connected_accounts(json!({"data": 1})), Err(Error::decode("data", "expected an array")));
    }
}
