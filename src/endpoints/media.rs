//! The IG User's media edges and the IG Media node:
//! `GET /{ig-user-id}/media`, `/stories`, `/tags`, `/live_media`; `GET /{ig-media-id}`,
//! `GET /{ig-media-id}/children`. Reference: instagram-platform/instagram-graph-api/reference/
//! ig-user/media, ig-user/stories, ig-user/tags, ig-user/live_media, ig-media, ig-media/children.

use crate::json::Value;

use super::{node_id, Operation};
use crate::error::Error;
use crate::http::Method;
use crate::json::Shape;
use crate::params::Params;

/// The list edges of an IG User.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserEdge {
    /// `/media` (`fields, limit, after, before, since, until`): feed media and reels, no stories.
    Media,
    /// `/stories`: stories live in the last 24 h.
    Stories,
    /// `/tags`: media the user was tagged in.
    Tags,
    /// `/live_media` (`since, until`): live media, only while broadcasting.
    LiveMedia,
}

impl UserEdge {
    fn segment(self) -> &'static str {
        match self {
            UserEdge::Media => "media",
            UserEdge::Stories => "stories",
            UserEdge::Tags => "tags",
            UserEdge::LiveMedia => "live_media",
        }
    }
}

/// `GET /{ig-user-id}/{edge}`: one page.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id or params.
pub fn list_user_edge(ig_user_id: &str, edge: UserEdge, params: Option<&Value>) -> Result<Operation, Error> {
    let path = format!("{}/{}", node_id("igUserId", ig_user_id)?, edge.segment());
    Ok(Operation::new(Method::Get, path, Params::from_json(params, "params")?, Shape::List))
}

/// `GET /{ig-media-id}` with `fields`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id or params.
pub fn get_media(media_id: &str, params: Option<&Value>) -> Result<Operation, Error> {
    Ok(Operation::new(Method::Get, node_id("mediaId", media_id)?, Params::from_json(params, "params")?, Shape::Object))
}

/// `GET /{ig-media-id}/children` with `fields`: a carousel's items.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id or params.
pub fn list_media_children(media_id: &str, params: Option<&Value>) -> Result<Operation, Error> {
    let path = format!("{}/children", node_id("mediaId", media_id)?);
    Ok(Operation::new(Method::Get, path, Params::from_json(params, "params")?, Shape::List))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::tests::golden;
    use crate::json::json;

    #[test]
    fn list_user_media_golden() {
        let params = json!({"fields": ["id", "caption", "media_type", "children{media_url}"], "limit": 25, "after": "QVFIUk=="});
        let op = list_user_edge("17841405822304914", UserEdge::Media, Some(&params)).unwrap();
        assert_eq!(
            golden(&op),
            (
                "GET",
                "https://graph.facebook.com/v27.0/17841405822304914/media?after=QVFIUk%3D%3D&fields=id%2Ccaption%2Cmedia_type%2Cchildren%7Bmedia_url%7D&limit=25&access_token=TOKEN".into(),
                None
            )
        );
        assert_eq!(op.shape, Shape::List);
    }

    #[test]
    fn other_user_edges() {
        for (edge, seg) in [(UserEdge::Stories, "stories"), (UserEdge::Tags, "tags"), (UserEdge::LiveMedia, "live_media")] {
            let op = list_user_edge("1", edge, None).unwrap();
            assert_eq!(golden(&op).1, format!("https://graph.facebook.com/v27.0/1/{seg}?access_token=TOKEN"));
        }
    }

    #[test]
    fn media_node_and_children() {
        let op = get_media("17895695668004550", Some(&json!({"fields": "id,media_url"}))).unwrap();
        assert_eq!(golden(&op).1, "https://graph.facebook.com/v27.0/17895695668004550?fields=id%2Cmedia_url&access_token=TOKEN");
        let op = list_media_children("17895695668004550", None).unwrap();
        assert_eq!(golden(&op).1, "https://graph.facebook.com/v27.0/17895695668004550/children?access_token=TOKEN");
        assert!(get_media("1/2", None).is_err());
    }
}
