//! Instagram messaging: `POST /{sender-id}/messages` (a message, or a private reply to a
//! comment), `GET /{sender-id}/conversations?platform=instagram`, `GET /{conversation-id}/messages`,
//! `GET /{message-id}`. The sender is the Page linked to the account, with a Page access token
//! (Facebook Login: the Messenger Platform), or the account itself, `me`, with the client's own
//! token (Instagram Login, `graph.instagram.com`).
//!
//! References: business-messaging/instagram-messaging/features/send-message and
//! messenger-platform/reference/send-api (Facebook Login), instagram-platform/
//! instagram-api-with-instagram-login/messaging-api (Instagram Login), instagram-platform/
//! private-replies, business-messaging/messenger-platform/conversations and instagram-platform/
//! instagram-api-with-instagram-login/conversations-api, graph-api/reference/conversation/messages
//! and graph-api/reference/message.
//!
//! Meta's messaging rules (the 24-hour window, one private reply per comment within 7 days, …)
//! are Meta's to enforce: their errors carry a [`crate::error::MessagingRule`].

use super::{node_id, Operation};
use crate::error::Error;
use crate::http::Method;
use crate::json::{Map, Shape, Value};
use crate::params::Params;

/// `POST /{sender-id}/messages` with `recipient` (`{ id }`: an Instagram-scoped id, or
/// `{ comment_id }`: a private reply), `message` (`{ text }`, `{ attachment: { type, payload: {
/// url } } }`, `quick_replies`, …), `messaging_type` and `tag` → `{ recipient_id, message_id }`.
/// Every other member passes through as Meta documents it (`sender_action`, `reply_to`, …).
///
/// NB: `messaging_type` must be `MESSAGE_TAG` when a `tag` is given (Send API reference,
/// "messaging_type"): a `tag` without `messaging_type` gets it. Objects are sent as JSON text
/// in the form body, as the Send API's form examples do (`recipient={"id":"…"}`).
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad sender id, a missing or empty `recipient`, or a missing
/// `message` (without a `sender_action`), or a `message` that is not an object.
pub fn send_message(sender_id: &str, params: Option<&Value>, page_token: Option<&str>) -> Result<Operation, Error> {
    let path = format!("{}/messages", node_id("senderId", sender_id)?);
    let Some(Value::Object(map)) = params else {
        return Err(Error::invalid(
            "params",
            "must be an object: { recipient: { id } | { comment_id }, message: { text } | { attachment }, messaging_type?, tag? }",
        ));
    };
    let recipient_ok = match map.get("recipient") {
        Some(Value::Object(r)) => r.values().any(|v| v.as_str().is_some_and(|s| !s.trim().is_empty())),
        _ => false,
    };
    if !recipient_ok {
        return Err(Error::invalid(
            "params.recipient",
            "is required: { id } (the Instagram-scoped id of a person who wrote to the account) or { comment_id } (a private reply)",
        ));
    }
    match map.get("message") {
        Some(Value::Object(m)) if !m.is_empty() => {}
        None | Some(Value::Null) if map.contains_key("sender_action") => {}
        Some(Value::String(_)) => return Err(Error::invalid("params.message", "must be an object: { text: \"…\" }")),
        _ => return Err(Error::invalid("params.message", "is required: { text } or { attachment: { type, payload: { url } } }")),
    }
    let mut p = Params::from_json(params, "params")?;
    if p.get("tag").is_some() {
        p.set_default("messaging_type", "MESSAGE_TAG");
    }
    Operation::new(Method::Post, path, p, Shape::Object).with_page_token(page_token)
}

#[cfg(not(target_arch = "wasm32"))]
crate::typescript::interfaces! {
    /// `sendMessage`'s body and `listConversations`' parameters: what [`send_message`] and
    /// [`list_conversations`] read (a test checks that the required members are the ones they
    /// refuse to go without); the rest is the Send API's, passed through.
    pub(crate) const TYPES = {
        #[doc = "A quick reply button under a message (Instagram: up to 13)."]
        QuickReply {
            content_type: "\"text\" | (string & {})",
            title: "string",
            payload: "string",
        }
        #[doc = "An attachment sent by URL (`image`, `video`, `audio`, `file`), a sticker, or a shared post."]
        OutgoingAttachment {
            type: "\"image\" | \"video\" | \"audio\" | \"file\" | \"template\" | \"MEDIA_SHARE\" | (string & {})",
            payload: "{ url?: string; id?: string; is_reusable?: boolean; [k: string]: unknown }",
        }
        #[doc = "The `message` of a send: text, or an attachment (or several), and quick replies."]
        OutgoingMessage {
            text: "?string",
            attachment: "?OutgoingAttachment",
            attachments: "?OutgoingAttachment[]",
            quick_replies: "?QuickReply[]",
        }
        #[doc = "`sendMessage`'s body, as the Send API takes it. `recipient.id` is the Instagram-scoped id (IGSID) of a person who wrote to the account (webhooks and conversations give it), and the message is due within 24 hours of their last message; `recipient.comment_id` makes it a private reply. A `tag` without `messaging_type` is sent with `messaging_type: \"MESSAGE_TAG\"`."]
        SendMessageParams {
            recipient: "{ id: string } | { comment_id: string }",
            #[doc = "Required unless `sender_action` is given."]
            message: "?OutgoingMessage",
            #[doc = "`RESPONSE` (an answer within the 24-hour window), `UPDATE`, or `MESSAGE_TAG` with a `tag`."]
            messaging_type: "?\"RESPONSE\" | \"UPDATE\" | \"MESSAGE_TAG\"",
            #[doc = "`HUMAN_AGENT`: a person's answer up to 7 days after the person's message (needs Meta's Human Agent permission)."]
            tag: "?\"HUMAN_AGENT\" | (string & {})",
            #[doc = "Instead of `message`: `typing_on`, `typing_off`, `mark_seen`, `react`, `unreact`."]
            sender_action: "?\"typing_on\" | \"typing_off\" | \"mark_seen\" | \"react\" | \"unreact\" | (string & {})",
            #[doc = "With `sender_action: \"react\"`: the message reacted to, and the reaction."]
            payload: "?{ message_id: string; reaction?: string }",
            #[doc = "Reply to a message of the conversation (Meta shows it quoted)."]
            reply_to: "?{ mid: string }",
        }
        #[doc = "`listConversations`' parameters."]
        ConversationsParams {
            fields: "?Fields<IgConversation>",
            #[doc = "Only the conversation with this person (an IGSID)."]
            user_id: "?string",
            #[doc = "`\"instagram\"` by default; with Facebook Login a Page also has `\"messenger\"` conversations."]
            platform: "?\"instagram\" | \"messenger\"",
            limit: "?number",
            after: "?string",
            before: "?string",
        }
    }
}

/// A private reply: `POST /{sender-id}/messages` with `recipient: { comment_id }` and
/// `message: { text }`.
///
/// NB: one per comment, within 7 days of the comment (a Live comment: during the broadcast)
/// (instagram-platform/private-replies, "Limitations"); Meta refuses others with 100/2534025.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad sender or comment id, or an empty text.
pub fn send_private_reply(sender_id: &str, comment_id: &str, text: &str, page_token: Option<&str>) -> Result<Operation, Error> {
    node_id("commentId", comment_id)?;
    if text.trim().is_empty() {
        return Err(Error::invalid("text", "must be a non-empty string"));
    }
    // `message` before `recipient`, the order the parameters have always been sent in.
    let mut message = Map::new();
    message.insert("text", Value::from(text));
    let mut recipient = Map::new();
    recipient.insert("comment_id", Value::from(comment_id));
    let mut body = Map::new();
    body.insert("message", Value::Object(message));
    body.insert("recipient", Value::Object(recipient));
    let body = Value::Object(body);
    send_message(sender_id, Some(&body), page_token)
}

/// `GET /{sender-id}/conversations?platform=instagram` (`fields`, `limit`, `after`, `before`,
/// `user_id`: the conversation with one person) → `{ data: [{ id, updated_time }], paging }`.
///
/// NB: both flavours' pages send `platform=instagram` (with Facebook Login the Page also has
/// Messenger conversations); a caller's own `platform` wins.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id or params.
pub fn list_conversations(sender_id: &str, params: Option<&Value>, page_token: Option<&str>) -> Result<Operation, Error> {
    let path = format!("{}/conversations", node_id("senderId", sender_id)?);
    let given = Params::from_json(params, "params")?;
    let mut p = Params::new();
    p.push("platform", given.get("platform").unwrap_or("instagram"));
    for (k, v) in given.iter().filter(|(k, _)| *k != "platform") {
        p.push(k, v);
    }
    Operation::new(Method::Get, path, p, Shape::List).with_page_token(page_token)
}

/// `GET /{conversation-id}/messages` (`fields`: `id, created_time, from, to, message,
/// attachments, …`; `limit`, `after`) → a list of messages, newest first.
///
/// NB: the Conversations API guide reads the same list as the `messages` field of the
/// conversation (`?fields=messages`); the edge pages with cursors like every list. Meta gives
/// details only for the 20 most recent messages of a conversation.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id or params.
pub fn list_messages(conversation_id: &str, params: Option<&Value>, page_token: Option<&str>) -> Result<Operation, Error> {
    let path = format!("{}/messages", node_id("conversationId", conversation_id)?);
    Operation::new(Method::Get, path, Params::from_json(params, "params")?, Shape::List).with_page_token(page_token)
}

/// `GET /{message-id}` with `fields` (`id, created_time, from, to, message, attachments, story,
/// shares, reactions, is_unsupported`) → one message.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id or params.
pub fn get_message(message_id: &str, params: Option<&Value>, page_token: Option<&str>) -> Result<Operation, Error> {
    Operation::new(Method::Get, node_id("messageId", message_id)?, Params::from_json(params, "params")?, Shape::Object)
        .with_page_token(page_token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn the_declared_parameters_are_the_ones_read() {
        let send = TYPES.iter().find(|i| i.name == "SendMessageParams").unwrap();
        let example = json!({"recipient": {"id": "1"}, "message": {"text": "hi"}, "messaging_type": "MESSAGE_TAG", "tag": "HUMAN_AGENT",
            "sender_action": "react", "payload": {"message_id": "m"}, "reply_to": {"mid": "m"}});
        crate::typescript::required_as_declared(send, &example, |p| send_message("1", Some(p), None));
        let list = TYPES.iter().find(|i| i.name == "ConversationsParams").unwrap();
        let example = json!({"fields": "id", "user_id": "1", "platform": "messenger", "limit": 5, "after": "A", "before": "B"});
        crate::typescript::required_as_declared(list, &example, |p| list_conversations("1", Some(p), None));
    }
    use crate::endpoints::tests::golden;
    use crate::endpoints::{build_request, Token};
    use crate::json::json;

    const BASE: &str = "https://graph.facebook.com/v27.0";

    /// A `{ text }` message to one person.
    fn text_to(recipient_id: &str, text: &str) -> Value {
        json!({ "recipient": { "id": recipient_id }, "message": { "text": text } })
    }

    fn form(pairs: &[(&str, &str)]) -> String {
        let mut p = Params::new();
        for (k, v) in pairs {
            p.push(*k, *v);
        }
        p.encode()
    }

    #[test]
    fn golden_requests() {
        let g = |op: Result<Operation, Error>| golden(&op.unwrap());
        // a text message through the Page, with its token
        assert_eq!(
            g(send_message("134895793791914", Some(&text_to("6780462125377510", "Hi! ☕")), Some("PAGE"))),
            (
                "POST",
                format!("{BASE}/134895793791914/messages"),
                Some("message=%7B%22text%22%3A%22Hi%21%20%E2%98%95%22%7D&recipient=%7B%22id%22%3A%226780462125377510%22%7D&access_token=PAGE".into())
            )
        );
        // an attachment by URL, quick replies, and the human agent tag (messaging_type added)
        let body = json!({
            "recipient": { "id": "6780462125377510" },
            "message": {
                "attachment": { "type": "image", "payload": { "url": "https://example.com/a.jpg" } },
                "quick_replies": [{ "content_type": "text", "title": "Yes", "payload": "YES" }]
            },
            "tag": "HUMAN_AGENT"
        });
        assert_eq!(
            g(send_message("134895793791914", Some(&body), Some("PAGE"))).2,
            Some(form(&[
                (
                    "message",
                    r#"{"attachment":{"payload":{"url":"https://example.com/a.jpg"},"type":"image"},"quick_replies":[{"content_type":"text","payload":"YES","title":"Yes"}]}"#
                ),
                ("recipient", r#"{"id":"6780462125377510"}"#),
                ("tag", "HUMAN_AGENT"),
                ("messaging_type", "MESSAGE_TAG"),
                ("access_token", "PAGE"),
            ]))
        );
        // a messaging_type of the caller's stays
        let response = json!({ "recipient": { "id": "1" }, "message": { "text": "x" }, "messaging_type": "RESPONSE" });
        assert_eq!(
            g(send_message("me", Some(&response), Some("PAGE"))).2,
            Some(form(&[
                ("message", r#"{"text":"x"}"#),
                ("messaging_type", "RESPONSE"),
                ("recipient", r#"{"id":"1"}"#),
                ("access_token", "PAGE")
            ]))
        );
        // a private reply
        assert_eq!(
            g(send_private_reply("134895793791914", "17865799348089039", "Thanks! Sent you the menu.", Some("PAGE"))),
            (
                "POST",
                format!("{BASE}/134895793791914/messages"),
                Some(
                    "message=%7B%22text%22%3A%22Thanks%21%20Sent%20you%20the%20menu.%22%7D&recipient=%7B%22comment_id%22%3A%2217865799348089039%22%7D&access_token=PAGE"
                        .into()
                )
            )
        );
        // conversations: platform=instagram first
        assert_eq!(
            g(list_conversations("134895793791914", Some(&json!({"fields": ["id", "updated_time", "participants"], "limit": 10})), Some("PAGE"))),
            (
                "GET",
                format!("{BASE}/134895793791914/conversations?platform=instagram&fields=id%2Cupdated_time%2Cparticipants&limit=10&access_token=PAGE"),
                None
            )
        );
        assert_eq!(
            g(list_conversations("me", Some(&json!({"user_id": "6780462125377510"})), Some("PAGE"))).1,
            format!("{BASE}/me/conversations?platform=instagram&user_id=6780462125377510&access_token=PAGE")
        );
        assert_eq!(
            g(list_conversations("me", Some(&json!({"platform": "messenger"})), Some("PAGE"))).1,
            format!("{BASE}/me/conversations?platform=messenger&access_token=PAGE")
        );
        let conv = "aWdfZAG06MTpJR01lc3NhZA2VUaHJlYWQ6MTc4NDE0MDU4MjIzMDQ5MTQ6MzQwMjgyMzY2ODQxNzEwMzAwOTQ5MTI4MTMzOTkyNDMzMzc3NjA";
        assert_eq!(
            g(list_messages(conv, Some(&json!({"fields": "id,created_time,from,to,message", "limit": 20})), Some("PAGE"))),
            ("GET", format!("{BASE}/{conv}/messages?fields=id%2Ccreated_time%2Cfrom%2Cto%2Cmessage&limit=20&access_token=PAGE"), None)
        );
        let mid = "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIyMzA0OTE0OjM0MDI4MjM2Njg0MTcxMDMwMDk0OTEyODEzMzk5MjQzNDMzNzc2MDozMDc2NzIyNDA5NTc2NDkyNzk3NzY0MzcxNjM1NzQ0NTY5NgZDZD";
        assert_eq!(
            g(get_message(mid, Some(&json!({"fields": ["id", "created_time", "from", "to", "message"]})), Some("PAGE"))),
            ("GET", format!("{BASE}/{mid}?fields=id%2Ccreated_time%2Cfrom%2Cto%2Cmessage&access_token=PAGE"), None)
        );
        assert_eq!(get_message(mid, None, Some("PAGE")).unwrap().shape, Shape::Object);
        assert_eq!(list_messages(mid, None, Some("PAGE")).unwrap().shape, Shape::List);
    }

    #[test]
    fn instagram_login_sends_as_me_with_the_clients_token() {
        let c = crate::config::Config::new(crate::config::Options {
            access_token: Some("IGTOKEN".into()),
            login: crate::config::Login::Instagram,
            ..Default::default()
        })
        .unwrap();
        let op = send_private_reply("me", "17865799348089039", "hi", None).unwrap();
        assert_eq!(op.token, Token::Client);
        let r = build_request(&c, &op);
        assert_eq!(r.url, "https://graph.instagram.com/v27.0/me/messages");
        assert_eq!(
            r.body.as_deref(),
            Some(
                form(&[
                    ("message", r#"{"text":"hi"}"#),
                    ("recipient", r#"{"comment_id":"17865799348089039"}"#),
                    ("access_token", "IGTOKEN")
                ])
                .as_str()
            )
        );
        let r = build_request(&c, &list_conversations("me", None, None).unwrap());
        assert_eq!(r.url, "https://graph.instagram.com/v27.0/me/conversations?platform=instagram&access_token=IGTOKEN");
    }

    #[test]
    fn bad_arguments_name_what_is_wrong() {
        let name = |r: Result<Operation, Error>| match r {
            Err(Error::InvalidArgument { name, .. }) => name,
            other => panic!("{other:?}"),
        };
        assert_eq!(name(send_message("1", None, Some("P"))), "params");
        assert_eq!(name(send_message("1", Some(&json!("hi")), Some("P"))), "params");
        assert_eq!(name(send_message("1", Some(&json!({"message": {"text": "x"}})), Some("P"))), "params.recipient");
        assert_eq!(
            name(send_message("1", Some(&json!({"recipient": {"id": " "}, "message": {"text": "x"}})), Some("P"))),
            "params.recipient"
        );
        assert_eq!(name(send_message("1", Some(&json!({"recipient": "123", "message": {"text": "x"}})), Some("P"))), "params.recipient");
        assert_eq!(name(send_message("1", Some(&json!({"recipient": {"id": "2"}})), Some("P"))), "params.message");
        assert_eq!(name(send_message("1", Some(&json!({"recipient": {"id": "2"}, "message": "hi"})), Some("P"))), "params.message");
        assert_eq!(name(send_message("1", Some(&json!({"recipient": {"id": "2"}, "message": {}})), Some("P"))), "params.message");
        assert_eq!(name(send_message("a/b", Some(&text_to("2", "x")), Some("P"))), "senderId");
        assert_eq!(name(send_message("1", Some(&text_to("2", "x")), Some(""))), "options.pageAccessToken");
        assert_eq!(
            name(send_message("1", Some(&json!({"recipient": {"id": "2"}, "message": {"text": "x"}, "access_token": "T"})), Some("P"))),
            "params.access_token"
        );
        // a sender action needs no message
        assert!(send_message("1", Some(&json!({"recipient": {"id": "2"}, "sender_action": "typing_on"})), Some("P")).is_ok());
        assert_eq!(name(send_private_reply("1", "", "hi", Some("P"))), "commentId");
        assert_eq!(name(send_private_reply("1", "2", "  ", Some("P"))), "text");
        assert_eq!(name(list_conversations("", None, Some("P"))), "senderId");
        assert_eq!(name(list_messages("a b", None, Some("P"))), "conversationId");
        assert_eq!(name(get_message("..", None, Some("P"))), "messageId");
        assert_eq!(name(get_message("m_1", Some(&json!([1])), Some("P"))), "params");
    }
}
