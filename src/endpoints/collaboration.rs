//! Collaborators (Facebook Login only): `GET /{ig-media-id}/collaborators`,
//! `GET /{ig-user-id}/collaboration_invites`, `POST /{ig-user-id}/collaboration_invites`
//! (`media_id`, `accept`). References: instagram-platform/instagram-graph-api/reference/ig-media/
//! collaborators ("Available for the Instagram API with Facebook Login"; `{ id, username,
//! invite_status }`), instagram-platform/instagram-api-with-facebook-login/collaboration
//! (invites: `{ media_id, media_owner_username, caption, media_url }`; 300 calls per account a
//! day; feed images, reels and carousels, not stories).

use super::{node_id, Operation};
use crate::error::Error;
use crate::http::Method;
use crate::json::Shape;
use crate::params::Params;

/// `GET /{ig-media-id}/collaborators` → `{ data: [{ id, username, invite_status }] }`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id.
pub fn list_collaborators(media_id: &str) -> Result<Operation, Error> {
    Ok(Operation::new(Method::Get, format!("{}/collaborators", node_id("mediaId", media_id)?), Params::new(), Shape::List))
}

/// `GET /{ig-user-id}/collaboration_invites` → the pending invites of the account.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id.
pub fn list_collaboration_invites(ig_user_id: &str) -> Result<Operation, Error> {
    let path = format!("{}/collaboration_invites", node_id("igUserId", ig_user_id)?);
    Ok(Operation::new(Method::Get, path, Params::new(), Shape::List))
}

/// `POST /{ig-user-id}/collaboration_invites` `media_id`, `accept=true|false` → `{ success }`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id.
pub fn respond_to_collaboration_invite(ig_user_id: &str, media_id: &str, accept: bool) -> Result<Operation, Error> {
    let path = format!("{}/collaboration_invites", node_id("igUserId", ig_user_id)?);
    node_id("mediaId", media_id)?;
    let mut p = Params::new();
    p.push("media_id", media_id);
    p.push("accept", accept.to_string());
    Ok(Operation::new(Method::Post, path, p, Shape::Object))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::tests::golden;

    const BASE: &str = "https://graph.facebook.com/v27.0";

    #[test]
    fn golden_requests() {
        let g = |op: Result<Operation, Error>| golden(&op.unwrap());
        assert_eq!(
            g(list_collaborators("17895695668004550")),
            ("GET", format!("{BASE}/17895695668004550/collaborators?access_token=TOKEN"), None)
        );
        assert_eq!(
            g(list_collaboration_invites("17841405822304914")),
            ("GET", format!("{BASE}/17841405822304914/collaboration_invites?access_token=TOKEN"), None)
        );
        assert_eq!(
            g(respond_to_collaboration_invite("17841405822304914", "18078920227752107", true)),
            (
                "POST",
                format!("{BASE}/17841405822304914/collaboration_invites"),
                Some("media_id=18078920227752107&accept=true&access_token=TOKEN".into())
            )
        );
        assert_eq!(
            g(respond_to_collaboration_invite("17841405822304914", "18078920227752107", false)).2,
            Some("media_id=18078920227752107&accept=false&access_token=TOKEN".into())
        );
        assert_eq!(list_collaborators("1").unwrap().shape, Shape::List);
    }

    #[test]
    fn bad_ids() {
        assert!(matches!(list_collaborators("a/b"), Err(Error::InvalidArgument { ref name, .. }) if name == "mediaId"));
        assert!(
            matches!(respond_to_collaboration_invite("1", "", true), Err(Error::InvalidArgument { ref name, .. }) if name == "mediaId")
        );
        assert!(matches!(list_collaboration_invites(" "), Err(Error::InvalidArgument { ref name, .. }) if name == "igUserId"));
    }
}
