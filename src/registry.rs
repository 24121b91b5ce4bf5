//! The registry: every typed operation of `InstagramClient`, declared once.
//!
//! Each entry gives the JS name (and its `iter…` twin for a list), the arguments with their
//! TypeScript types, the options type, the result type, the HTTP line, the permissions, and how
//! the skin builds it (`run`: a core [`crate::endpoints::Operation`] builder; `page_token`: the
//! same with the `pageAccessToken` option; `custom`: a skin function). From this one list:
//! - [`OPERATIONS`], which `oauth.requiredPermissions` reads;
//! - the wasm exports (`wasm/exports.rs` expands the same list into methods);
//! - the class's method declarations in `pkg-template/index.d.ts` and the README's permission
//!   table ([`typescript`], [`permission_table`]; a test fails when the files drift).
//!
//! An argument's kind says how the skin reads it: `string` (a required string), `params` (an
//! optional object, as JSON), `json` (any JSON value), `boolean`, `hide` (a boolean, `true` when
//! omitted), `raw` (handed to a `custom` function as it is). A TypeScript type starting with `?`
//! is optional.

/// Meta's permissions table (instagram-platform/instagram-graph-api/reference, "Permissions").
/// Hashtag operations also need the "Instagram Public Content Access" feature; Pages reached
/// through Business Manager also need `ads_management` or `ads_read`.
use crate::config::Login;
use crate::error::Error;

const BASIC: &[&str] = &["instagram_basic", "pages_read_engagement"];
const PAGES: &[&str] = &["pages_show_list", "instagram_basic", "pages_read_engagement"];
const COMMENTS: &[&str] = &["instagram_basic", "instagram_manage_comments", "pages_read_engagement"];
const INSIGHTS: &[&str] = &["instagram_basic", "instagram_manage_insights", "pages_read_engagement"];
const PUBLISH: &[&str] = &["instagram_basic", "instagram_content_publish", "pages_read_engagement"];
const WEBHOOKS: &[&str] = &["pages_manage_metadata", "pages_read_engagement", "pages_show_list"];
/// The sets below add to what their pages list the baseline of every Instagram call with
/// Facebook Login, `instagram_basic` and `pages_read_engagement` (Meta's permissions table,
/// shared/reference/graph-api.md §1.7; "Send a Private Reply" lists both).
///
/// NB: Messenger Platform "Conversations API" (business-messaging/messenger-platform/
/// conversations): for Instagram conversations `instagram_basic`, `instagram_manage_messages`,
/// `pages_manage_metadata`, and a Page token of someone with the MESSAGING or MODERATE task.
const MESSAGES_READ: &[&str] = &["instagram_basic", "instagram_manage_messages", "pages_manage_metadata", "pages_read_engagement"];
/// NB: Instagram Messaging "Send a Message" (business-messaging/instagram-messaging/features/
/// send-message: `instagram_manage_messages`, the MESSAGE task); "Upload Media for Instagram
/// Messaging" (features/attachment-upload) adds `pages_messaging` for attachments, which a send
/// by URL uploads in the same call.
const MESSAGES_SEND: &[&str] = &["instagram_basic", "instagram_manage_messages", "pages_messaging", "pages_read_engagement"];
/// NB: Messenger Platform "Private Replies" (messenger-platform/instagram/features/
/// private-replies): "instagram_manage_comments and pages_messaging permissions", the MESSAGING
/// task.
const PRIVATE_REPLY: &[&str] = &["instagram_basic", "instagram_manage_comments", "pages_messaging", "pages_read_engagement"];
/// NB: IG Media Product Tags reference (ig-media/product_tags): `ads_read` (the page spells it
/// "ad_reads"), `catalog_management`, `instagram_basic`, `instagram_shopping_tag_products`
/// (`ads_management` too when the Page role came through Business Manager).
const PRODUCT_TAGS: &[&str] =
    &["ads_read", "catalog_management", "instagram_basic", "instagram_shopping_tag_products", "pages_read_engagement"];
/// NB: Product Tagging guide (instagram-api-with-facebook-login/product-tagging): the catalogs and
/// the product search need `catalog_management` and `instagram_shopping_tag_products` on top of
/// `instagram_basic` (shared/reference/graph-api.md §1.7).
const CATALOGS: &[&str] = &["catalog_management", "instagram_basic", "instagram_shopping_tag_products", "pages_read_engagement"];

/// The same with Instagram Login (`instagram_business_*` scopes; Meta's Instagram Login
/// overview and each reference page): an operation without them (`-`) is not offered there.
///
/// NB: refused with Instagram Login only where Meta says so: hashtag search and hashtag media
/// ("Only available for Instagram API with Facebook Login", instagram-platform/reference; the
/// recently-searched list and its quota belong to that feature), business discovery ("Available
/// for the Instagram API with Facebook Login."), the resumable upload ("available only for apps
/// that have implemented Facebook Login for Business", content-publishing/resumable-uploads) and
/// `/me/accounts` (Pages: the overview's "Facebook Page: x" for Instagram Login). Stories, live
/// media and `mentioned_media`/`mentioned_comment` list only Facebook Login permissions on their
/// reference pages, but no page says Instagram Login lacks them: they are not refused.
const IG_BASIC: &[&str] = &["instagram_business_basic"];
const IG_COMMENTS: &[&str] = &["instagram_business_basic", "instagram_business_manage_comments"];
const IG_INSIGHTS: &[&str] = &["instagram_business_basic", "instagram_business_manage_insights"];
const IG_PUBLISH: &[&str] = &["instagram_business_basic", "instagram_business_content_publish"];
const IG_WEBHOOKS: &[&str] = &["instagram_business_basic"];
/// NB: Instagram Login "Send Messages" and "Get Conversations" (instagram-api-with-instagram-
/// login/messaging-api, conversations-api).
const IG_MESSAGES: &[&str] = &["instagram_business_basic", "instagram_business_manage_messages"];
/// NB: "Send a Private Reply to a Commenter" (instagram-platform/private-replies), Instagram
/// Login column: `instagram_business_basic`, `instagram_business_manage_comments`.
const IG_PRIVATE_REPLY: &[&str] = &["instagram_business_basic", "instagram_business_manage_comments"];

/// Meta's Tasks → permissions table: the Page tasks of which a user must hold one (any one) to
/// grant the permission for the Instagram account connected to that Page.
///
/// NB: every row is Meta's "Tasks" table of the Instagram Graph API overview
/// (developers.facebook.com/docs/instagram-api/overview#tasks, now "Instagram API with Facebook
/// Login" → Overview; read in four stored copies of the page, 2023–2024, which agree): "App users
/// may grant your app permissions based on tasks they are able to perform as follows" —
/// `instagram_basic`: MANAGE, CREATE_CONTENT, MODERATE, ADVERTISE, ANALYZE;
/// `instagram_content_publish`: MANAGE, CREATE_CONTENT; `instagram_manage_comments`: MANAGE,
/// CREATE_CONTENT, MODERATE; `instagram_manage_insights`: all five. The same page says the tasks
/// come from `GET /me/accounts` (`tasks`), and that the API does not support Business Manager
/// system users.
///
/// Not settled by Meta's pages, so not checked (no row, never a problem): `pages_show_list`,
/// `pages_read_engagement`, `pages_manage_metadata`, `instagram_manage_messages`,
/// `business_management`. (The Get Started page says `/me/accounts` lists the Pages on which
/// the user can perform MANAGE, CREATE_CONTENT, MODERATE or ADVERTISE, but ties no permission to
/// it.) Instagram Login has no Pages, so no tasks.
pub const PAGE_TASKS: &[(&str, &[&str])] = &[
    ("instagram_basic", &["MANAGE", "CREATE_CONTENT", "MODERATE", "ADVERTISE", "ANALYZE"]),
    ("instagram_content_publish", &["MANAGE", "CREATE_CONTENT"]),
    ("instagram_manage_comments", &["MANAGE", "CREATE_CONTENT", "MODERATE"]),
    ("instagram_manage_insights", &["MANAGE", "CREATE_CONTENT", "MODERATE", "ADVERTISE", "ANALYZE"]),
];

/// The Page tasks of which a user must hold one to grant `permission` (Facebook Login), or
/// `None` when Meta's table has no row for it.
pub fn tasks_for(permission: &str) -> Option<&'static [&'static str]> {
    PAGE_TASKS.iter().find(|(p, _)| *p == permission).map(|(_, t)| *t)
}

/// The permissions a user can grant in Live Mode without App Review.
///
/// NB: Meta's App Review: a permission needs Advanced Access (App Review, and Business
/// Verification) before people without a role on the app can grant it in Live Mode; of the
/// permissions here, only `pages_show_list` is granted without it (the product's rule, issue 13).
pub const NO_APP_REVIEW: &[&str] = &["pages_show_list"];

/// Hands the list of operations to `$callback!`.
macro_rules! operations {
    ($callback:ident) => {
        $callback! {
            getUser - (igUserId: string "string", params: params "?FieldsParams<IgUser>") "?RequestOptions" -> "IgUser",
                "GET /{ig-user-id}", BASIC / IG_BASIC, run user::get_user;
            listConnectedAccounts iterConnectedAccounts (params: params "?{ fields?: Fields; limit?: number; after?: string }") "?RequestOptions" -> "Page<ConnectedAccount>",
                "GET /me/accounts", PAGES / -, run user::list_connected_accounts;

            listUserMedia iterUserMedia (igUserId: string "string", params: params "?ListParams<IgMedia> & TimeRangeParams") "?RequestOptions" -> "Page<IgMedia>",
                "GET /{ig-user-id}/media", BASIC / IG_BASIC, run |id, p| media::list_user_edge(id, media::UserEdge::Media, p);
            listStories iterStories (igUserId: string "string", params: params "?ListParams<IgMedia>") "?RequestOptions" -> "Page<IgMedia>",
                "GET /{ig-user-id}/stories", BASIC / IG_BASIC, run |id, p| media::list_user_edge(id, media::UserEdge::Stories, p);
            listTags iterTags (igUserId: string "string", params: params "?ListParams<IgMedia>") "?RequestOptions" -> "Page<IgMedia>",
                "GET /{ig-user-id}/tags", BASIC / IG_BASIC, run |id, p| media::list_user_edge(id, media::UserEdge::Tags, p);
            listLiveMedia iterLiveMedia (igUserId: string "string", params: params "?ListParams<IgMedia> & TimeRangeParams") "?RequestOptions" -> "Page<IgMedia>",
                "GET /{ig-user-id}/live_media", BASIC / IG_BASIC, run |id, p| media::list_user_edge(id, media::UserEdge::LiveMedia, p);
            getMedia - (mediaId: string "string", params: params "?FieldsParams<IgMedia>") "?RequestOptions" -> "IgMedia",
                "GET /{ig-media-id}", BASIC / IG_BASIC, run media::get_media;
            listMediaChildren - (mediaId: string "string", params: params "?FieldsParams<IgMedia>") "?RequestOptions" -> "Page<IgMedia>",
                "GET /{ig-media-id}/children", BASIC / IG_BASIC, run media::list_media_children;

            #[doc = "Who was invited to collaborate on a media, and whether they accepted (Facebook Login only: \"Available for the Instagram API with Facebook Login\")."]
            listCollaborators - (mediaId: string "string") "?RequestOptions" -> "Page<IgCollaborator>",
                "GET /{ig-media-id}/collaborators", BASIC / -, run collaboration::list_collaborators;
            #[doc = "Media other accounts invited this account to collaborate on (Facebook Login only; 300 calls a day)."]
            listCollaborationInvites - (igUserId: string "string") "?RequestOptions" -> "Page<CollaborationInvite>",
                "GET /{ig-user-id}/collaboration_invites", BASIC / -, run collaboration::list_collaboration_invites;
            respondToCollaborationInvite - (igUserId: string "string", mediaId: string "string", accept: boolean "boolean") "?RequestOptions" -> "{ success: boolean }",
                "POST /{ig-user-id}/collaboration_invites media_id, accept", BASIC / -, run collaboration::respond_to_collaboration_invite;

            listComments iterComments (mediaId: string "string", params: params "?CommentsParams") "?RequestOptions" -> "Page<IgComment>",
                "GET /{ig-media-id}/comments", COMMENTS / IG_COMMENTS, run comments::list_comments;
            getComment - (commentId: string "string", params: params "?FieldsParams<IgComment>") "?RequestOptions" -> "IgComment",
                "GET /{ig-comment-id}", COMMENTS / IG_COMMENTS, run comments::get_comment;
            listReplies iterReplies (commentId: string "string", params: params "?CommentsParams") "?RequestOptions" -> "Page<IgComment>",
                "GET /{ig-comment-id}/replies", COMMENTS / IG_COMMENTS, run comments::list_replies;
            createComment - (mediaId: string "string", message: string "string") "?RequestOptions" -> "{ id: string }",
                "POST /{ig-media-id}/comments message", COMMENTS / IG_COMMENTS, run comments::create_comment;
            replyToComment - (commentId: string "string", message: string "string") "?RequestOptions" -> "{ id: string }",
                "POST /{ig-comment-id}/replies message", COMMENTS / IG_COMMENTS, run comments::reply_to_comment;
            hideComment - (commentId: string "string", hide: hide "?boolean") "?RequestOptions" -> "{ success: boolean }",
                "POST /{ig-comment-id} hide", COMMENTS / IG_COMMENTS, run comments::hide_comment;
            deleteComment - (commentId: string "string") "?RequestOptions" -> "{ success: boolean }",
                "DELETE /{ig-comment-id}", COMMENTS / IG_COMMENTS, run comments::delete_comment;
            setCommentsEnabled - (mediaId: string "string", enabled: boolean "boolean") "?RequestOptions" -> "{ success: boolean }",
                "POST /{ig-media-id} comment_enabled", COMMENTS / IG_COMMENTS, run comments::set_comments_enabled;
            replyToMention - (igUserId: string "string", params: params "{ media_id: string; message: string; comment_id?: string }") "?RequestOptions" -> "{ id: string }",
                "POST /{ig-user-id}/mentions media_id, message, comment_id?", COMMENTS / IG_COMMENTS, run comments::reply_to_mention;

            getUserInsights - (igUserId: string "string", params: params "UserInsightsParams") "?RequestOptions" -> "Page<InsightsResult>",
                "GET /{ig-user-id}/insights", INSIGHTS / IG_INSIGHTS, run insights::get_user_insights;
            getMediaInsights - (mediaId: string "string", params: params "MediaInsightsParams") "?RequestOptions" -> "Page<InsightsResult>",
                "GET /{ig-media-id}/insights", INSIGHTS / IG_INSIGHTS, run insights::get_media_insights;

            #[doc = "The hashtag id, or null when Meta finds none. Counts toward 30 unique hashtags per 7 days."]
            searchHashtag - (igUserId: string "string", name: string "string") "?RequestOptions" -> "string | null",
                "GET /ig_hashtag_search?user_id&q", BASIC / -, run hashtags::search_hashtag;
            listHashtagMedia iterHashtagMedia (hashtagId: string "string", igUserId: string "string", params: params "{ edge: \"top_media\" | \"recent_media\"; fields?: Fields<IgMedia>; limit?: number; after?: string }") "?RequestOptions" -> "Page<IgMedia>",
                "GET /{ig-hashtag-id}/top_media|recent_media?user_id", BASIC / -, run hashtags::list_hashtag_media;
            listRecentlySearchedHashtags - (igUserId: string "string", params: params "?{ limit?: number; after?: string }") "?RequestOptions" -> "Page<IgHashtag>",
                "GET /{ig-user-id}/recently_searched_hashtags", BASIC / -, run hashtags::list_recently_searched_hashtags;
            #[doc = "How much of the 7-day hashtag quota (30 unique hashtags) is used: `recently_searched_hashtags?limit=30`."]
            getHashtagSearchQuota - (igUserId: string "string") "?RequestOptions" -> "HashtagSearchQuota",
                "GET /{ig-user-id}/recently_searched_hashtags?limit=30", BASIC / -, run hashtags::hashtag_search_quota;

            #[doc = "Another Business/Creator account's public data: the inner `business_discovery` object."]
            businessDiscovery - (igUserId: string "string", username: string "string", params: params "?{ fields?: Fields<IgUser>; media?: { fields?: Fields<IgMedia>; limit?: number; after?: string; before?: string } }") "?RequestOptions" -> "IgUser",
                "GET /{ig-user-id}?fields=business_discovery.username(…){…}", BASIC / -, run discovery::business_discovery;
            getMentionedMedia - (igUserId: string "string", mediaId: string "string", params: params "?FieldsParams<IgMedia>") "?RequestOptions" -> "IgMedia",
                "GET /{ig-user-id}?fields=mentioned_media.media_id(…){…}", COMMENTS / IG_COMMENTS, run discovery::get_mentioned_media;
            getMentionedComment - (igUserId: string "string", commentId: string "string", params: params "?FieldsParams<IgComment>") "?RequestOptions" -> "IgComment",
                "GET /{ig-user-id}?fields=mentioned_comment.comment_id(…){…}", COMMENTS / IG_COMMENTS, run discovery::get_mentioned_comment;

            createContainer - (igUserId: string "string", params: params "ContainerParams") "?RequestOptions" -> "{ id: string; uri?: string; status?: string; status_code?: ContainerStatusCode }",
                "POST /{ig-user-id}/media", PUBLISH / IG_PUBLISH, run publishing::create_container;
            getContainer - (containerId: string "string", params: params "?FieldsParams<IgContainer>") "?RequestOptions" -> "IgContainer",
                "GET /{ig-container-id}?fields=id,status_code,status", PUBLISH / IG_PUBLISH, run publishing::get_container;
            publishContainer - (igUserId: string "string", containerId: string "string") "?RequestOptions" -> "{ id: string }",
                "POST /{ig-user-id}/media_publish creation_id", PUBLISH / IG_PUBLISH, run publishing::publish_container;
            getPublishingLimit - (igUserId: string "string", params: params "?{ since?: number; fields?: Fields }") "?RequestOptions" -> "Page<PublishingLimit>",
                "GET /{ig-user-id}/content_publishing_limit", PUBLISH / IG_PUBLISH, run publishing::get_publishing_limit;
            #[doc = "Containers (a carousel's children first), polling until FINISHED, then media_publish."]
            publish - (igUserId: raw "string", post: raw "Post") "?PublishOptions" -> "{ id: string; containerId: string }",
                "POST /{ig-user-id}/media → GET /{ig-container-id} … → POST /{ig-user-id}/media_publish", PUBLISH / IG_PUBLISH, custom publish;
            #[doc = "Upload to a container created with `upload_type: \"resumable\"`: the bytes (resumed from the host's offset), or `{ fileUrl }`, a video online that the upload host fetches (the `file_url` header; `options` then take only `RequestOptions`)."]
            uploadVideo - (containerId: raw "string", data: raw "Blob | ArrayBuffer | Uint8Array | ReadableStream<Uint8Array> | HostedVideo") "?UploadOptions" -> "{ success: boolean; message?: string }",
                "POST rupload /ig-api-upload/{version}/{ig-container-id} (bytes, or a file_url header)", PUBLISH / -, custom upload_video;

            #[doc = "The product catalogs the account can tag products from (Facebook Login only)."]
            listAvailableCatalogs - (igUserId: string "string") "?RequestOptions" -> "Page<ProductCatalog>",
                "GET /{ig-user-id}/available_catalogs", CATALOGS / -, run product_tags::list_available_catalogs;
            #[doc = "Tag-eligible products of a catalog whose name or SKU matches `q` (every product for an empty `q`)."]
            searchCatalogProducts - (igUserId: string "string", catalogId: string "string", q: string "string") "?RequestOptions" -> "Page<CatalogProduct>",
                "GET /{ig-user-id}/catalog_product_search?catalog_id&q", CATALOGS / -, run product_tags::search_catalog_products;
            listProductTags - (mediaId: string "string") "?RequestOptions" -> "Page<ProductTag>",
                "GET /{ig-media-id}/product_tags", PRODUCT_TAGS / -, run product_tags::list_product_tags;
            #[doc = "Add product tags to a published media, or move them (`x`, `y` from 0 to 1, images only); `{ tags, child_index }` for a carousel's child."]
            setProductTags - (mediaId: string "string", tags: json "ProductTagsInput") "?RequestOptions" -> "{ success: boolean }",
                "POST /{ig-media-id}/product_tags updated_tags, child_index?", PRODUCT_TAGS / -, run product_tags::set_product_tags;
            deleteProductTags - (mediaId: string "string", tags: json "ProductTagsInput") "?RequestOptions" -> "{ success: boolean }",
                "DELETE /{ig-media-id}/product_tags deleted_tags, child_index?", PRODUCT_TAGS / -, run product_tags::delete_product_tags;

            subscribeApp - (pageId: string "string", fields: json "readonly WebhookField[] | string") "?PageTokenOptions" -> "{ success: boolean }",
                "POST /{page-id}/subscribed_apps subscribed_fields", WEBHOOKS / IG_WEBHOOKS, page_token subscriptions::subscribe_app;
            listSubscribedApps - (pageId: string "string") "?PageTokenOptions" -> "Page<SubscribedApp>",
                "GET /{page-id}/subscribed_apps", WEBHOOKS / IG_WEBHOOKS, page_token subscriptions::list_subscribed_apps;
            unsubscribeApp - (pageId: string "string") "?PageTokenOptions" -> "{ success: boolean }",
                "DELETE /{page-id}/subscribed_apps", WEBHOOKS / IG_WEBHOOKS, page_token subscriptions::unsubscribe_app;

            #[doc = "A message from the account to a person who wrote to it within 24 hours (`recipient: { id }`), or a private reply to a comment (`recipient: { comment_id }`). Facebook Login: `senderId` is the Page, with `pageAccessToken`; Instagram Login: `\"me\"`. Never retried. Meta's refusals carry `err.rule`."]
            sendMessage - (senderId: string "string", params: params "SendMessageParams") "?PageTokenOptions" -> "SendMessageResult",
                "POST /{sender-id}/messages recipient, message, messaging_type?, tag?", MESSAGES_SEND / IG_MESSAGES, page_token messaging::send_message;
            #[doc = "One private message to the author of a comment: one per comment, within 7 days of it (a Live comment: during the broadcast)."]
            sendPrivateReply - (senderId: string "string", commentId: string "string", text: string "string") "?PageTokenOptions" -> "SendMessageResult",
                "POST /{sender-id}/messages recipient={comment_id}, message={text}", PRIVATE_REPLY / IG_PRIVATE_REPLY, page_token messaging::send_private_reply;
            #[doc = "The account's conversations, most recent first (`user_id`: the one with a person)."]
            listConversations iterConversations (senderId: string "string", params: params "?ConversationsParams") "?PageTokenOptions" -> "Page<IgConversation>",
                "GET /{sender-id}/conversations?platform=instagram", MESSAGES_READ / IG_MESSAGES, page_token messaging::list_conversations;
            #[doc = "The messages of a conversation, newest first (Meta gives details of the 20 most recent)."]
            listMessages iterMessages (conversationId: string "string", params: params "?ListParams<IgMessage>") "?PageTokenOptions" -> "Page<IgMessage>",
                "GET /{conversation-id}/messages", MESSAGES_READ / IG_MESSAGES, page_token messaging::list_messages;
            getMessage - (messageId: string "string", params: params "?FieldsParams<IgMessage>") "?PageTokenOptions" -> "IgMessage",
                "GET /{message-id}", MESSAGES_READ / IG_MESSAGES, page_token messaging::get_message;
        }
    };
}
#[cfg_attr(not(target_arch = "wasm32"), allow(unused_imports))]
pub(crate) use operations;

/// One typed operation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OperationSpec {
    /// The JS method name.
    pub name: &'static str,
    /// The `iter…` method over every page of this list, if there is one.
    pub iter: Option<&'static str>,
    /// The arguments before `options`: (name, TypeScript type; optional when it starts with `?`).
    pub args: &'static [(&'static str, &'static str)],
    /// The options' TypeScript type (optional when it starts with `?`).
    pub options: &'static str,
    /// The result's TypeScript type (`Page<T>` for a list).
    pub result: &'static str,
    /// The HTTP line(s).
    pub http: &'static str,
    /// The permissions it needs (Facebook Login).
    pub permissions: &'static [&'static str],
    /// The permissions it needs with Instagram Login; `None`: not offered there.
    pub instagram: Option<&'static [&'static str]>,
    /// Its doc comment.
    pub doc: &'static str,
}

macro_rules! opt_name {
    (-) => {
        None
    };
    ($i:ident) => {
        Some(stringify!($i))
    };
}

macro_rules! opt_perms {
    (-) => {
        None
    };
    ($i:ident) => {
        Some($i)
    };
}

macro_rules! spec_table {
    ($( $(#[doc = $doc:literal])* $name:ident $iter:tt ( $($arg:ident : $kind:ident $ts:literal),* ) $opts:literal -> $res:literal,
        $http:literal, $perms:ident / $ig:tt, $how:ident $build:expr; )*) => {
        /// Every typed operation, in the order of the class.
        pub static OPERATIONS: &[OperationSpec] = &[$(
            OperationSpec {
                name: stringify!($name),
                iter: opt_name!($iter),
                args: &[$((stringify!($arg), $ts)),*],
                options: $opts,
                result: $res,
                http: $http,
                permissions: $perms,
                instagram: opt_perms!($ig),
                doc: concat!($($doc),*),
            },
        )*];

        /// (name, iter twin, permissions) of every typed operation: what the package reads at
        /// run time (the texts of [`OPERATIONS`] stay out of the wasm).
        static PERMISSIONS: &[(&str, Option<&str>, &[&str], Option<&[&str]>)] = &[$( (stringify!($name), opt_name!($iter), $perms, opt_perms!($ig)), )*];
    };
}

operations!(spec_table);

/// The permissions a typed operation (by JS method name, a list or its `iter…` twin) needs in a
/// login flavour: `None` for an unknown name, `Some(None)` when the flavour does not offer it.
pub fn permissions(method: &str, login: Login) -> Option<Option<&'static [&'static str]>> {
    let (_, _, facebook, instagram) = PERMISSIONS.iter().find(|(n, i, _, _)| *n == method || *i == Some(method))?;
    Some(match login {
        Login::Facebook => Some(*facebook),
        Login::Instagram => *instagram,
    })
}

/// Every typed method's JS name (not the `iter…` twins), in the order of the class: read from
/// the run-time table, so that the texts of [`OPERATIONS`] stay out of the wasm.
pub fn method_names() -> impl Iterator<Item = &'static str> {
    PERMISSIONS.iter().map(|(n, ..)| *n)
}

/// `(the method's own name, its operation's name)` for a JS method name, a list or its `iter…`
/// twin (`iterUserMedia` → `("iterUserMedia", "listUserMedia")`); `None` for an unknown name.
pub fn method(name: &str) -> Option<(&'static str, &'static str)> {
    PERMISSIONS.iter().find_map(|(n, i, _, _)| match (*n == name, *i) {
        (true, _) => Some((*n, *n)),
        (false, Some(twin)) if twin == name => Some((twin, *n)),
        _ => None,
    })
}

/// Refuse, before any request, an operation the client's login flavour does not offer.
///
/// # Errors
/// [`Error::InvalidArgument`] naming the operation and the flavour.
pub fn check_offered(method: &str, login: Login) -> Result<(), Error> {
    // NB: every call runs this: Facebook Login offers every operation, so it costs no lookup.
    if login == Login::Facebook {
        return Ok(());
    }
    match permissions(method, login) {
        Some(None) => Err(Error::invalid(
            method,
            "is not offered by the Instagram API with Instagram Login (login: \"instagram\"); Meta offers it with Facebook Login (login: \"facebook\")",
        )),
        _ => Ok(()),
    }
}

/// The operation a JS method name (a list or its `iter…` twin) belongs to.
pub fn find(method: &str) -> Option<&'static OperationSpec> {
    OPERATIONS.iter().find(|o| o.name == method || o.iter == Some(method))
}

#[cfg(not(target_arch = "wasm32"))]
fn ts_param(name: &str, ts: &str) -> String {
    match ts.strip_prefix('?') {
        Some(t) => format!("{name}?: {t}"),
        None => format!("{name}: {ts}"),
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// The TypeScript declarations of the typed methods (the generated part of `index.d.ts`).
pub fn typescript() -> String {
    let mut out = String::new();
    for op in OPERATIONS {
        let mut params: Vec<String> = op.args.iter().map(|(n, t)| ts_param(n, t)).collect();
        params.push(ts_param("options", op.options));
        let params = params.join(", ");
        out.push_str(&format!(
            "  /** {}{}`{}`. Needs {}; {}. */\n",
            op.doc,
            if op.doc.is_empty() { "" } else { " " },
            op.http,
            op.permissions.join(", "),
            op.instagram
                .map_or_else(|| "not offered with Instagram Login".to_owned(), |p| format!("with Instagram Login {}", p.join(", ")))
        ));
        let result = if op.result.starts_with("Promise") { op.result.to_owned() } else { format!("Promise<{}>", op.result) };
        out.push_str(&format!("  {}({params}): {result};\n", op.name));
        if let Some(iter) = op.iter {
            let item = op.result.strip_prefix("Page<").and_then(|r| r.strip_suffix('>')).unwrap_or("any");
            out.push_str(&format!("  /** Every item of every page of `{}`. */\n  {iter}({params}): Paginator<{item}>;\n", op.name));
        }
    }
    let names: Vec<String> = OPERATIONS.iter().flat_map(|o| std::iter::once(o.name).chain(o.iter)).map(|n| format!("\"{n}\"")).collect();
    out.push_str(&format!(
        "}}\n\n/** The name of a typed operation (for `oauth.requiredPermissions`). */\nexport type TypedOperationName = {};\n",
        names.join(" | ")
    ));
    out
}

#[cfg(not(target_arch = "wasm32"))]
/// The JS methods of the typed operations (the generated part of `pkg-template/api.js`): each
/// calls the wasm `_op` (or `_iter`) with its index in [`OPERATIONS`] and its arguments.
pub fn javascript() -> String {
    let mut out = String::from("class Methods {\n");
    for (index, op) in OPERATIONS.iter().enumerate() {
        let names: Vec<&str> = op.args.iter().map(|(n, _)| *n).collect();
        let params = names.iter().copied().chain(["options"]).collect::<Vec<_>>().join(", ");
        let mut given: Vec<&str> = names.clone();
        given.resize(3, "undefined");
        let given = given.join(", ");
        out.push_str(&format!("  {}({params}) {{\n    return this._op({index}, {given}, options);\n  }}\n", op.name));
        if let Some(iter) = op.iter {
            out.push_str(&format!("  {iter}({params}) {{\n    return this._iter({index}, {given}, options);\n  }}\n"));
        }
    }
    out.push_str("}\n");
    out
}

#[cfg(not(target_arch = "wasm32"))]
/// The README's table: each typed method, its HTTP line and the permissions it needs.
pub fn permission_table() -> String {
    let mut out = String::from("| method | HTTP | Facebook Login | Instagram Login |\n|---|---|---|---|\n");
    for op in OPERATIONS {
        let name = match op.iter {
            Some(i) => format!("`{}`, `{i}`", op.name),
            None => format!("`{}`", op.name),
        };
        let list = |perms: &[&str]| perms.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ");
        let instagram = op.instagram.map_or_else(|| "not offered".to_owned(), list);
        out.push_str(&format!("| {name} | `{}` | {} | {instagram} |\n", op.http, list(op.permissions)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(target_arch = "wasm32"))]
    use crate::typescript::tests::check_generated;

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn the_js_methods_are_generated_from_the_registry() {
        assert!(OPERATIONS.iter().all(|o| o.args.len() <= 3), "`_op` takes at most three arguments besides the options");
        check_generated("pkg-template/api.js", "// <generated from src/registry.rs>", "// </generated>", &javascript());
    }

    /// Every generated block of `index.d.ts` (`crate::typescript`), in this module so that
    /// `UPDATE_GENERATED=1 cargo test --lib registry` rewrites them with the other generated files.
    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn the_types_are_generated_from_the_rust_tables() {
        crate::typescript::tests::check_index_d_ts();
    }

    /// One test for both of the README's tables: two tests writing one file at once would race.
    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn the_readme_tables_are_generated_from_the_registry_and_the_error_table() {
        check_generated("README.md", "<!-- generated from src/registry.rs -->", "<!-- /generated -->", &permission_table());
        check_generated("README.md", "<!-- generated from src/error.rs -->", "<!-- /generated -->", &crate::error::messaging_table());
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn the_permission_table_has_a_cell_for_each_flavour() {
        let table = permission_table();
        let rows: Vec<&str> = table.lines().skip(2).collect();
        assert_eq!(rows.len(), OPERATIONS.len());
        for (row, op) in rows.iter().zip(OPERATIONS) {
            let cells: Vec<&str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
            assert_eq!(cells.len(), 4, "{row}");
            match op.instagram {
                Some(perms) => {
                    assert!(perms.iter().all(|p| cells[3].contains(p)) && cells[3].contains("instagram_business_basic"), "{row}")
                }
                None => assert_eq!(cells[3], "not offered", "{row}"),
            }
        }
    }

    #[test]
    fn every_name_is_unique_and_found() {
        let mut names: Vec<&str> = OPERATIONS.iter().flat_map(|o| std::iter::once(o.name).chain(o.iter)).collect();
        let n = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n, "a JS name is declared twice");
        assert_eq!(find("iterUserMedia").map(|o| o.name), Some("listUserMedia"));
        assert_eq!(find("publish").map(|o| o.permissions), Some(PUBLISH));
        assert_eq!(
            find("publish").map(|o| o.permissions),
            Some(&["instagram_basic", "instagram_content_publish", "pages_read_engagement"][..])
        );
        assert_eq!(find("hideComment").map(|o| o.permissions), Some(COMMENTS));
        assert!(find("get").is_none() && find("nope").is_none());
        assert_eq!(method("iterUserMedia"), Some(("iterUserMedia", "listUserMedia")));
        assert_eq!(method("publish"), Some(("publish", "publish")));
        assert_eq!(method("nope"), None);
        assert!(method_names().eq(OPERATIONS.iter().map(|o| o.name)));
        for op in OPERATIONS {
            assert!(!op.permissions.is_empty() && !op.http.is_empty(), "{}", op.name);
            assert!(op.iter.is_none() || op.result.starts_with("Page<"), "{}: only a list has an iter twin", op.name);
        }
    }

    #[test]
    fn permissions_per_flavour() {
        let fb = |m| permissions(m, Login::Facebook).flatten();
        assert_eq!(fb("publish"), Some(PUBLISH));
        assert_eq!((fb("hideComment"), fb("iterReplies")), (Some(COMMENTS), Some(COMMENTS)));
        assert_eq!(permissions("get", Login::Facebook), None);
        for op in OPERATIONS {
            assert_eq!(permissions(op.name, Login::Facebook), Some(Some(op.permissions)));
            assert_eq!(permissions(op.name, Login::Instagram), Some(op.instagram));
        }
        assert_eq!(permissions("getUser", Login::Instagram), Some(Some(IG_BASIC)));
        // messaging: through the Page with Facebook Login, `me` with Instagram Login
        assert_eq!(
            fb("sendMessage"),
            Some(&["instagram_basic", "instagram_manage_messages", "pages_messaging", "pages_read_engagement"][..])
        );
        assert_eq!(
            fb("iterConversations"),
            Some(&["instagram_basic", "instagram_manage_messages", "pages_manage_metadata", "pages_read_engagement"][..])
        );
        assert_eq!(permissions("iterMessages", Login::Instagram), Some(Some(IG_MESSAGES)));
        assert_eq!(permissions("sendPrivateReply", Login::Instagram), Some(Some(IG_PRIVATE_REPLY)));
        assert_eq!(fb("setProductTags"), Some(PRODUCT_TAGS));
        assert_eq!(fb("listCollaborators"), Some(BASIC));
    }

    #[test]
    fn instagram_login_refuses_what_it_does_not_offer() {
        for m in [
            "searchHashtag",
            "iterHashtagMedia",
            "businessDiscovery",
            "listConnectedAccounts",
            "uploadVideo",
            "listCollaborators",
            "listCollaborationInvites",
            "respondToCollaborationInvite",
            "listAvailableCatalogs",
            "searchCatalogProducts",
            "listProductTags",
            "setProductTags",
            "deleteProductTags",
        ] {
            assert_eq!(permissions(m, Login::Instagram), Some(None), "{m}");
            let e = check_offered(m, Login::Instagram).unwrap_err();
            assert!(matches!(&e, Error::InvalidArgument { name, message } if name == m && message.contains("Instagram Login")), "{e}");
            assert_eq!(check_offered(m, Login::Facebook), Ok(()));
        }
        assert_eq!(check_offered("nope", Login::Instagram), Ok(()), "unknown names are not this check's to refuse");
    }
}
